import Foundation
import Inventory
import Testing
import TorvCore

/// Routing is a pure function: these tables are the specification of each rule.
@Suite("Routing rules")
struct RoutingRuleTests {
    static func id(_ n: UInt64) -> StockLocationID {
        StockLocationID.generate(.incrementing(from: n), at: Date(timeIntervalSince1970: 0))
    }

    static let w1 = RoutingLocation(id: id(1), kind: .warehouse, coordinate: .berlin, priority: 1)
    static let w2 = RoutingLocation(id: id(2), kind: .warehouse, coordinate: .munich, priority: 2)
    static let s1 = RoutingLocation(id: id(3), kind: .store, coordinate: .hamburg, priority: 3)
    static let p1 = RoutingLocation(
        id: id(4), kind: .pickupPoint, coordinate: .berlin, priority: 5, ships: false, offersPickup: true)
    static let nowhere = RoutingLocation(id: id(5), kind: .warehouse, coordinate: nil, priority: 0)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: RoutingRule
        let lines: [StockRequest]
        let stock: [StockCandidate]
        let expected: Result<[Allocation], Shortfall>
        var testDescription: String { name }
    }

    static func line(_ sku: String, _ quantity: Int) -> StockRequest { StockRequest(sku: sku, quantity: quantity) }

    static func stock(
        _ sku: String, _ available: Int, at location: RoutingLocation, minimum: Int? = 0
    )
        -> StockCandidate
    {
        StockCandidate(sku: sku, location: location, available: available, minimumAvailable: minimum)
    }

    static func take(
        _ line: Int, _ sku: String, _ quantity: Int, from location: RoutingLocation, backordered: Int = 0
    )
        -> Allocation
    {
        Allocation(line: line, sku: sku, locationID: location.id, quantity: quantity, backordered: backordered)
    }

    static let cases: [Case] = [
        Case(
            name: "priority takes the preferred location first", rule: .priority, lines: [line("A", 3)],
            stock: [stock("A", 5, at: w2), stock("A", 5, at: w1)], expected: .success([take(0, "A", 3, from: w1)])),
        Case(
            name: "priority splits a line when the preferred location runs short", rule: .priority,
            lines: [line("A", 7)], stock: [stock("A", 5, at: w1), stock("A", 5, at: w2)],
            expected: .success([take(0, "A", 5, from: w1), take(0, "A", 2, from: w2)])),
        Case(
            name: "nearest ships from the closest location", rule: .nearest(to: .munich), lines: [line("A", 2)],
            stock: [stock("A", 5, at: w1), stock("A", 5, at: w2)], expected: .success([take(0, "A", 2, from: w2)])),
        Case(
            name: "nearest ranks a location without coordinates last, whatever its priority",
            rule: .nearest(to: .berlin), lines: [line("A", 2)],
            stock: [stock("A", 5, at: nowhere), stock("A", 5, at: w2)], expected: .success([take(0, "A", 2, from: w2)])
        ),
        Case(
            name: "store first prefers a store over a higher-priority warehouse", rule: .storeFirst,
            lines: [line("A", 2)], stock: [stock("A", 5, at: w1), stock("A", 5, at: s1)],
            expected: .success([take(0, "A", 2, from: s1)])),
        Case(
            name: "store first falls back to warehouses for the rest", rule: .storeFirst, lines: [line("A", 7)],
            stock: [stock("A", 5, at: w1), stock("A", 5, at: s1)],
            expected: .success([take(0, "A", 5, from: s1), take(0, "A", 2, from: w1)])),
        Case(
            name: "single shipment picks the one location that has every line", rule: .singleShipment(near: nil),
            lines: [line("A", 2), line("B", 2)],
            stock: [stock("A", 5, at: w1), stock("B", 0, at: w1), stock("A", 5, at: w2), stock("B", 5, at: w2)],
            expected: .success([take(0, "A", 2, from: w2), take(1, "B", 2, from: w2)])),
        Case(
            name: "single shipment takes the nearest of several complete locations",
            rule: .singleShipment(near: .munich), lines: [line("A", 1)],
            stock: [stock("A", 5, at: w1), stock("A", 5, at: w2)], expected: .success([take(0, "A", 1, from: w2)])),
        Case(
            name: "single shipment splits into as few parcels as possible", rule: .singleShipment(near: nil),
            lines: [line("A", 1), line("B", 1), line("C", 1)],
            stock: [
                stock("A", 1, at: w1), stock("B", 1, at: s1), stock("B", 1, at: w2), stock("C", 1, at: w2),
            ],
            expected: .success([take(0, "A", 1, from: w1), take(1, "B", 1, from: w2), take(2, "C", 1, from: w2)])),
        Case(
            name: "single shipment splits a line no location has whole", rule: .singleShipment(near: nil),
            lines: [line("A", 8)], stock: [stock("A", 5, at: w1), stock("A", 5, at: w2)],
            expected: .success([take(0, "A", 5, from: w1), take(0, "A", 3, from: w2)])),
        Case(
            name: "pick-up serves only from the pick-up location", rule: .pickup(at: p1.id), lines: [line("A", 2)],
            stock: [stock("A", 10, at: w1), stock("A", 2, at: p1)], expected: .success([take(0, "A", 2, from: p1)])),
        Case(
            name: "pick-up fails when the pick-up location is short", rule: .pickup(at: p1.id), lines: [line("A", 3)],
            stock: [stock("A", 10, at: w1), stock("A", 2, at: p1)],
            expected: .failure(Shortfall(line: 0, sku: "A", requested: 3, available: 2))),
        Case(
            name: "shipping rules ignore locations that do not ship", rule: .priority, lines: [line("A", 1)],
            stock: [stock("A", 5, at: p1)], expected: .failure(Shortfall(line: 0, sku: "A", requested: 1, available: 0))
        ),
        Case(
            name: "out of stock names the line that cannot be served", rule: .priority,
            lines: [line("A", 1), line("B", 5)],
            stock: [stock("A", 5, at: w1), stock("B", 2, at: w1), stock("B", 2, at: w2)],
            expected: .failure(Shortfall(line: 1, sku: "B", requested: 5, available: 4))),
        Case(
            name: "two lines of one SKU never count the same units twice", rule: .priority,
            lines: [line("A", 3), line("A", 3)], stock: [stock("A", 5, at: w1)],
            expected: .failure(Shortfall(line: 1, sku: "A", requested: 3, available: 2))),
        Case(
            name: "stock in hand anywhere goes before backorders", rule: .priority, lines: [line("A", 12)],
            stock: [stock("A", 5, at: w1, minimum: -10), stock("A", 5, at: w2)],
            expected: .success([take(0, "A", 7, from: w1, backordered: 2), take(0, "A", 5, from: w2)])),
        Case(
            name: "backorders stop at the limit", rule: .priority, lines: [line("A", 21)],
            stock: [stock("A", 5, at: w1, minimum: -10), stock("A", 5, at: w2)],
            expected: .failure(Shortfall(line: 0, sku: "A", requested: 21, available: 20))),
        Case(
            name: "an unlimited backorder takes any quantity", rule: .priority, lines: [line("A", 1000)],
            stock: [stock("A", 0, at: w1, minimum: nil)],
            expected: .success([take(0, "A", 1000, from: w1, backordered: 1000)])),
        Case(
            name: "backorders go to the preferred location, not the nearest", rule: .nearest(to: .munich),
            lines: [line("A", 3)], stock: [stock("A", 0, at: w2, minimum: nil), stock("A", 0, at: w1, minimum: nil)],
            expected: .success([take(0, "A", 3, from: w1, backordered: 3)])),
        Case(
            name: "backorders already used up leave only the rest of the limit", rule: .priority,
            lines: [line("A", 4)], stock: [stock("A", -7, at: w1, minimum: -10)],
            expected: .failure(Shortfall(line: 0, sku: "A", requested: 4, available: 3))),
    ]

    @Test("allocation", arguments: cases)
    func allocation(_ example: Case) {
        #expect(example.rule.allocate(example.lines, from: example.stock) == example.expected)
    }

    @Test("allocation is deterministic whatever the order of the candidates", arguments: cases)
    func orderIndependent(_ example: Case) {
        #expect(example.rule.allocate(example.lines, from: example.stock.reversed()) == example.expected)
    }

    @Test("distances are great-circle kilometres")
    func distances() {
        #expect(abs(GeoCoordinate.berlin.distance(to: .munich) - 504) < 3)
        #expect(GeoCoordinate.berlin.distance(to: .berlin) == 0)
        #expect(!GeoCoordinate(latitude: 91, longitude: 0).isValid)
        #expect(!GeoCoordinate(latitude: 0, longitude: .nan).isValid)
    }
}
