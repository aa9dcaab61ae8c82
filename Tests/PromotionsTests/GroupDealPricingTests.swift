import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct GroupDealPricingTests {
    @Test(
        "the price is the last tier reached, the first one below it",
        arguments: [(0, 4_000), (1, 4_000), (3, 4_000), (4, 4_000), (5, 3_500), (6, 3_000), (60, 3_000)]
            as [(Int, Int64)]
    )
    func tierPrice(participants: Int, price: Int64) {
        #expect(GroupDeal.fixture().unitPrice(forParticipants: participants) == eur(price))
    }

    @Test("a deal's first tier may start at the tipping point; below it the first price applies")
    func firstTierAtMinimum() {
        let deal = GroupDeal.fixture(.fixture(tiers: [(3, 4_000), (10, 3_000)], max: nil))
        #expect(deal.unitPrice(forParticipants: 1) == eur(4_000))
        #expect(deal.unitPrice(forParticipants: 9) == eur(4_000))
        #expect(deal.unitPrice(forParticipants: 10) == eur(3_000))
    }

    @Test("the final price counts everyone in, whatever happened to their payment, and no one who left")
    func finalPrice() {
        let participants: [GroupDealParticipant] = [
            .fixture(1, state: .captured), .fixture(2, state: .captureFailed), .fixture(3, state: .voided),
            .fixture(4, state: .joined), .fixture(5, state: .left), .fixture(6, state: .left),
        ]
        #expect(GroupDeal.fixture().finalUnitPrice(participants: participants) == eur(4_000))
        #expect(GroupDeal.fixture().finalUnitPrice(participants: participants.dropLast() + [.fixture(6)]) == eur(3_500))
    }

    @Test("the phase follows the clock, the count and the stored outcome")
    func phases() {
        var deal = GroupDeal.fixture()
        #expect(deal.phase(at: friday.addingTimeInterval(-1), participants: 0) == .scheduled)
        #expect(deal.phase(at: friday, participants: 2) == .open)
        #expect(deal.phase(at: friday, participants: 3) == .tipped)
        #expect(deal.phase(at: friday, participants: 6) == .awaitingSettlement)
        #expect(deal.phase(at: GroupDealFixture.deadline, participants: 1) == .awaitingSettlement)
        deal.status = .succeeded
        #expect(deal.phase(at: friday, participants: 6) == .succeeded)
        deal.status = .failed
        #expect(deal.phase(at: GroupDealFixture.deadline, participants: 1) == .failed)
    }
}
