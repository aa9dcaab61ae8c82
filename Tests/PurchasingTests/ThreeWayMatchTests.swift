import Foundation
import Purchasing
import Testing
import TorvCore

@Suite("Three-way match")
struct ThreeWayMatchTests {
    static let shirts = PurchaseOrderLineID.generate()
    static let socks = PurchaseOrderLineID.generate()
    static let stranger = PurchaseOrderLineID.generate()

    /// Shirts ordered at 10.00, socks at 2.00 with 4 billed before; 10 shirts and 20 socks kept.
    static let orderLines = [
        MatchOrderLine(id: shirts, sku: "SHIRT", unitCost: .eur(1_000)),
        MatchOrderLine(id: socks, sku: "SOCK", unitCost: .eur(200), alreadyBilled: 4),
    ]
    static let received = [shirts: 10, socks: 20]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [SupplierBillLineDraft]
        let tolerance: Int
        /// `kind@line` of every discrepancy expected, empty for a match.
        let expected: [String]
        var testDescription: String { name }
    }

    static func line(_ id: PurchaseOrderLineID, _ quantity: Int, _ price: Money) -> SupplierBillLineDraft {
        SupplierBillLineDraft(orderLineID: id, quantity: quantity, unitPrice: price)
    }

    static let cases: [Case] = [
        Case(
            name: "exact bill matches", lines: [line(shirts, 10, .eur(1_000)), line(socks, 16, .eur(200))],
            tolerance: 0, expected: []),
        Case(
            name: "billing part of what arrived matches", lines: [line(shirts, 3, .eur(1_000))], tolerance: 0,
            expected: []),
        Case(
            name: "one unit more than received is held", lines: [line(shirts, 11, .eur(1_000))], tolerance: 0,
            expected: ["billed_more_than_received@0"]),
        Case(
            name: "earlier bills count against what was received", lines: [line(socks, 17, .eur(200))],
            tolerance: 0, expected: ["billed_more_than_received@0"]),
        Case(
            name: "two lines for the same order line are summed, reported at the first",
            lines: [line(shirts, 6, .eur(1_000)), line(shirts, 5, .eur(1_000))], tolerance: 0,
            expected: ["billed_more_than_received@0"]),
        Case(
            name: "price within tolerance matches (1 % of 10.00 is 0.10)", lines: [line(shirts, 1, .eur(1_010))],
            tolerance: 100, expected: []),
        Case(
            name: "price just beyond tolerance is held", lines: [line(shirts, 1, .eur(1_011))], tolerance: 100,
            expected: ["price_differs@0"]),
        Case(
            name: "cheaper beyond tolerance is also a discrepancy", lines: [line(shirts, 1, .eur(980))],
            tolerance: 100, expected: ["price_differs@0"]),
        Case(
            name: "zero tolerance holds any difference", lines: [line(socks, 1, .eur(201))], tolerance: 0,
            expected: ["price_differs@0"]),
        Case(name: "unknown line", lines: [line(stranger, 1, .eur(100))], tolerance: 0, expected: ["unknown_line@0"]),
        Case(
            name: "another currency", lines: [line(shirts, 1, .sek(1_000))], tolerance: 100,
            expected: ["currency_differs@0"]),
        Case(
            name: "every problem is reported, ordered by line",
            lines: [line(stranger, 1, .eur(1)), line(shirts, 12, .eur(1_500)), line(socks, 1, .eur(200))],
            tolerance: 100, expected: ["unknown_line@0", "billed_more_than_received@1", "price_differs@1"]),
    ]

    @Test("compares ordered price, received quantity and billed lines", arguments: cases)
    func compare(_ test: Case) {
        let outcome = ThreeWayMatch.compare(
            orderLines: Self.orderLines, receivedQuantities: Self.received, billLines: test.lines,
            tolerance: MatchTolerance(priceBasisPoints: test.tolerance))
        switch outcome {
        case .matched: #expect(test.expected.isEmpty)
        case .discrepancies(let found): #expect(found.map { "\($0.kind.rawValue)@\($0.line)" } == test.expected)
        }
    }

    @Test("a discrepancy carries the figures staff decide on")
    func details() throws {
        let outcome = ThreeWayMatch.compare(
            orderLines: Self.orderLines, receivedQuantities: Self.received,
            billLines: [Self.line(Self.shirts, 12, .eur(1_100))], tolerance: .exact)
        guard case .discrepancies(let found) = outcome else {
            Issue.record("expected discrepancies")
            return
        }
        let quantity = try #require(found.first { $0.kind == .billedMoreThanReceived })
        #expect((quantity.billedQuantity, quantity.receivedQuantity) == (12, 10))
        let price = try #require(found.first { $0.kind == .priceDiffers })
        #expect(price.differenceBasisPoints == 1_000)
        #expect(price.orderedUnitCost == .eur(1_000) && price.billedUnitPrice == .eur(1_100))
        #expect(price.message.contains("11.00 EUR"))
    }

    @Test("an order priced at zero matches only a zero price")
    func zeroCost() {
        let free = PurchaseOrderLineID.generate()
        let orders = [MatchOrderLine(id: free, sku: "SAMPLE", unitCost: .eur(0))]
        let matched = ThreeWayMatch.compare(
            orderLines: orders, receivedQuantities: [free: 1], billLines: [Self.line(free, 1, .eur(0))],
            tolerance: MatchTolerance(priceBasisPoints: 500))
        #expect(matched == .matched)
        let charged = ThreeWayMatch.compare(
            orderLines: orders, receivedQuantities: [free: 1], billLines: [Self.line(free, 1, .eur(1))],
            tolerance: MatchTolerance(priceBasisPoints: 500))
        guard case .discrepancies(let found) = charged else {
            Issue.record("expected a price discrepancy")
            return
        }
        #expect(found.map(\.kind) == [.priceDiffers] && found[0].differenceBasisPoints == nil)
    }
}
