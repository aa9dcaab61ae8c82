import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct GroupDealJoinTests {
    static let during = friday.addingTimeInterval(86_400)

    static func join(
        _ customer: String = "cus_new", quantity: Int = 1, deal: GroupDeal = .fixture(),
        participants: [GroupDealParticipant] = [], at now: Date = during
    ) throws(PromotionsError) -> GroupDealAdmission {
        try GroupDealJoin.check(
            join: GroupDealJoinRequest(customerID: customer, quantity: quantity), to: deal, participants: participants,
            at: now)
    }

    /// The refusal's code, or `nil` when the attempt is accepted.
    static func refusal(_ attempt: () throws -> Void) -> String? {
        do {
            try attempt()
            return nil
        } catch {
            return (error as? PromotionsError)?.code ?? "\(error)"
        }
    }

    @Test("a join is priced at the tier its own arrival reaches, and the one that reaches the minimum tips")
    func admission() throws {
        let first = try Self.join()
        #expect(
            first
                == GroupDealAdmission(
                    participantNumber: 1, unitPrice: eur(4_000), amountToAuthorise: eur(4_000), tips: false))
        let third = try Self.join(quantity: 2, participants: [.fixture(1), .fixture(2)])
        #expect(
            third
                == GroupDealAdmission(
                    participantNumber: 3, unitPrice: eur(4_000), amountToAuthorise: eur(8_000), tips: true))
        let fifth = try Self.join(participants: (1...4).map { .fixture($0) })
        #expect(fifth.unitPrice == eur(3_500) && fifth.amountToAuthorise == eur(3_500) && !fifth.tips)
    }

    @Test("someone who left counts for nothing and may join again")
    func rejoin() throws {
        let admission = try Self.join("cus_1", participants: [.fixture(1, state: .left), .fixture(2)])
        #expect(admission.participantNumber == 2)
    }

    @Test("before the opening the deal is not open yet")
    func notOpen() {
        #expect(Self.refusal { _ = try Self.join(at: friday.addingTimeInterval(-1)) } == "group_deal_not_open")
        #expect(Self.refusal { _ = try Self.join(at: friday) } == nil)
    }

    @Test("at and after the deadline, by the server's clock, the deal is closed")
    func closed() {
        #expect(Self.refusal { _ = try Self.join(at: GroupDealFixture.deadline.addingTimeInterval(-0.001)) } == nil)
        #expect(Self.refusal { _ = try Self.join(at: GroupDealFixture.deadline) } == "group_deal_closed")
        #expect(
            Self.refusal { _ = try Self.join(at: GroupDealFixture.deadline.addingTimeInterval(60)) }
                == "group_deal_closed")
    }

    @Test("a full deal refuses joins, counting only those who are in")
    func full() {
        let six = (1...6).map { GroupDealParticipant.fixture($0) }
        #expect(Self.refusal { _ = try Self.join(participants: six) } == "group_deal_full")
        let sixWithOneLeft = (1...5).map { GroupDealParticipant.fixture($0) } + [.fixture(6, state: .left)]
        #expect(Self.refusal { _ = try Self.join(participants: sixWithOneLeft) } == nil)
        let noLimit = GroupDeal.fixture(.fixture(max: nil))
        #expect(Self.refusal { _ = try Self.join(deal: noLimit, participants: (1...40).map { .fixture($0) }) } == nil)
    }

    @Test("a shopper who is in cannot join twice")
    func alreadyJoined() {
        #expect(
            Self.refusal { _ = try Self.join("cus_2", participants: [.fixture(1), .fixture(2)]) }
                == "group_deal_already_joined")
    }

    @Test("quantities outside one to the per-participant limit are refused", arguments: [0, -1, 3])
    func quantityLimit(quantity: Int) {
        #expect(Self.refusal { _ = try Self.join(quantity: quantity) } == "group_deal_quantity_limit")
    }

    @Test("a settled deal takes no joins, even before its deadline", arguments: [GroupDealStatus.succeeded, .failed])
    func settled(status: GroupDealStatus) {
        var deal = GroupDeal.fixture()
        deal.status = status
        #expect(Self.refusal { _ = try Self.join(deal: deal) } == "group_deal_settled")
    }

    @Test("a shopper may leave an open deal before the deadline, while it has not tipped")
    func leave() {
        let two = [GroupDealParticipant.fixture(1), .fixture(2)]
        func leave(
            _ number: Int, _ participants: [GroupDealParticipant], deal: GroupDeal = .fixture(),
            at now: Date = Self.during
        ) -> String? {
            Self.refusal {
                try GroupDealJoin.check(
                    leave: GroupDealFixture.id(number), from: deal, participants: participants, at: now)
            }
        }
        #expect(leave(1, two) == nil)
        #expect(leave(1, two + [.fixture(3)]) == "group_deal_tipped")
        #expect(leave(1, two, at: GroupDealFixture.deadline) == "group_deal_closed")
        #expect(leave(3, two) == "group_deal_not_joined")
        #expect(leave(1, [.fixture(1, state: .left), .fixture(2)]) == "group_deal_not_joined")
        var failed = GroupDeal.fixture()
        failed.status = .failed
        #expect(leave(1, two, deal: failed) == "group_deal_settled")
    }

    @Test("refusals say what the shopper can act on, with stable kinds")
    func kinds() {
        #expect(PromotionsError.groupDealAlreadyJoined.kind == .conflict)
        #expect(PromotionsError.groupDealClosed.kind == .unprocessable)
        #expect(PromotionsError.groupDealNotJoined.kind == .notFound)
        #expect(PromotionsError.voucherAlreadyRedeemed.kind == .conflict)
    }
}
