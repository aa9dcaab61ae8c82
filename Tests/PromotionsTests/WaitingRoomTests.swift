import Foundation
import Promotions
import PropertyBased
import Testing
import TorvCore

/// The waiting room's admission rule: arrival order, never faster than the rate, on arrival once drained.
@Suite struct WaitingRoomTests {
    static let opens = Date(timeIntervalSince1970: 1_800_000_000)

    static func sale(quantity: Int = 10, sold: Int = 0, room: WaitingRoom) -> FlashSale {
        FlashSale(
            id: FlashSaleID.generate(), title: "Rush", productID: "prod_x", variantID: "var_x", sku: "X",
            channel: "web",
            price: Money(minorUnits: 100, currency: .eur), quantity: quantity, perCustomerLimit: 1,
            startsAt: room.opensAt, endsAt: room.opensAt.addingTimeInterval(3600), room: room, campaignID: nil,
            stockHoldID: nil, held: 0, sold: sold, withdrawn: 0, queueLength: 0, soldOutAt: nil, cancelledAt: nil,
            createdAt: room.opensAt)
    }

    @Test("places are admitted one spacing apart, the first at opening, a late arrival on arrival")
    func spacing() {
        let room = WaitingRoom(opensAt: Self.opens, admissionsPerMinute: 120, holdSeconds: 600)
        #expect(room.spacingMicroseconds == 500_000)
        let early = Self.opens.addingTimeInterval(-30)
        let first = room.admission(after: nil, arrival: early)
        #expect(first == Self.opens)
        let second = room.admission(after: first, arrival: early)
        #expect(second == Self.opens.addingTimeInterval(0.5))
        // After a quiet spell nobody is admitted in the past: the queue restarts at the arrival.
        let late = Self.opens.addingTimeInterval(90)
        #expect(room.admission(after: second, arrival: late) == late)
    }

    @Test("a waiting place sees how many go first; an admitted one its window; then it expires")
    func status() {
        let room = WaitingRoom(opensAt: Self.opens, admissionsPerMinute: 60, holdSeconds: 600)
        let sale = Self.sale(room: room)
        let admission = Self.opens.addingTimeInterval(5)
        #expect(
            room.status(admissionAt: admission, at: Self.opens, sale: sale)
                == .waiting(ahead: 4, admissionAt: admission))
        #expect(
            room.status(admissionAt: admission, at: admission, sale: sale)
                == .admitted(until: admission.addingTimeInterval(600)))
        #expect(room.status(admissionAt: admission, at: admission.addingTimeInterval(600), sale: sale) == .expired)
        // Sold out tells everyone still waiting at once.
        let soldOut = Self.sale(quantity: 10, sold: 10, room: room)
        #expect(room.status(admissionAt: admission, at: Self.opens, sale: soldOut) == .soldOut)
        #expect(room.status(admissionAt: admission, at: sale.endsAt, sale: sale) == .closed)
    }

    @Test("for any arrivals, admissions keep arrival order, never come before arrival, and keep the rate")
    func fairAndRated() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 1...6_000), Gen.int(in: 0...5_000).array(of: 1...60)
        ) { rate, gaps in
            let room = WaitingRoom(opensAt: Self.opens, admissionsPerMinute: rate, holdSeconds: 600)
            var arrival = Self.opens.addingTimeInterval(-10)
            var previous: Date?
            for gap in gaps {
                arrival = arrival.addingTimeInterval(Double(gap) / 1_000)
                let admitted = room.admission(after: previous, arrival: arrival)
                #expect(admitted >= arrival && admitted >= Self.opens)
                if let previous {
                    let spacing = admitted.timeIntervalSince(previous) * 1_000_000
                    #expect(spacing.rounded() >= Double(room.spacingMicroseconds) - 1)
                }
                previous = admitted
            }
        }
    }
}
