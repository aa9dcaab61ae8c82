import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct GroupDealSettlementTests {
    static let after = GroupDealFixture.deadline
    static let during = friday.addingTimeInterval(86_400)

    static func plan(
        _ participants: [GroupDealParticipant], deal: GroupDeal = .fixture(), vouchers: [GroupDealVoucher] = [],
        at now: Date = after
    ) throws -> GroupDealPlan {
        try GroupDealSettlement.plan(deal, participants: participants, vouchers: vouchers, at: now)
    }

    static func voucher(_ number: Int) -> GroupDealVoucher {
        GroupDealVoucher(
            code: "AAAA-BBBB-CCC\(number)", dealID: GroupDealFixture.dealID, participantID: GroupDealFixture.id(number),
            issuedAt: after, expiresAt: after.addingTimeInterval(30 * 86_400))
    }

    @Test("before the deadline a deal that is not full is left alone, tipped or not")
    func notYet() throws {
        let plan = try Self.plan((1...4).map { .fixture($0) }, at: Self.during)
        #expect(plan == GroupDealPlan(decision: .notYet, finalUnitPrice: nil, actions: []))
    }

    @Test("below the minimum at the deadline, every authorisation is voided and the deal fails")
    func failsBelowMinimum() throws {
        let plan = try Self.plan([.fixture(1), .fixture(2, state: .left), .fixture(3)])
        #expect(plan.decision == .fail)
        #expect(plan.actions == [.void(GroupDealFixture.id(1)), .void(GroupDealFixture.id(3)), .markFailed])
    }

    @Test("tipped at the deadline, everyone is captured at the final tier, below what they authorised")
    func capturesAtFinalPrice() throws {
        let participants: [GroupDealParticipant] =
            [.fixture(1, quantity: 2), .fixture(2), .fixture(3), .fixture(4), .fixture(5, unitPrice: 3_500)]
        let plan = try Self.plan(participants)
        #expect(plan.decision == .capturing)
        #expect(plan.finalUnitPrice == eur(3_500))
        #expect(
            plan.actions == [
                .capture(GroupDealFixture.id(1), amount: eur(7_000)),
                .capture(GroupDealFixture.id(2), amount: eur(3_500)),
                .capture(GroupDealFixture.id(3), amount: eur(3_500)),
                .capture(GroupDealFixture.id(4), amount: eur(3_500)),
                .capture(GroupDealFixture.id(5), amount: eur(3_500)),
            ])
    }

    @Test("a full deal settles before its deadline")
    func fullSettlesEarly() throws {
        let plan = try Self.plan((1...6).map { .fixture($0) }, at: Self.during)
        #expect(plan.decision == .capturing)
        #expect(plan.finalUnitPrice == eur(3_000))
        #expect(plan.actions.count == 6)
    }

    @Test("once captured, declined captures are voided, every capture gets one voucher and the deal succeeds")
    func succeeds() throws {
        let participants: [GroupDealParticipant] = [
            .fixture(1, state: .captured, capturedAmount: 4_000), .fixture(2, state: .captureFailed),
            .fixture(3, state: .captured, capturedAmount: 4_000), .fixture(4, state: .captured, capturedAmount: 4_000),
        ]
        let plan = try Self.plan(participants, vouchers: [Self.voucher(3)])
        #expect(plan.decision == .succeed)
        #expect(
            plan.actions == [
                .issueVoucher(GroupDealFixture.id(1)), .void(GroupDealFixture.id(2)),
                .issueVoucher(GroupDealFixture.id(4)), .markSucceeded,
            ])
    }

    @Test("when declined captures leave too few to reach the minimum, captures are refunded and the rest voided")
    func failsAfterDeclines() throws {
        let participants: [GroupDealParticipant] = [
            .fixture(1, state: .captured, capturedAmount: 4_000), .fixture(2, state: .captureFailed),
            .fixture(3, state: .captureFailed), .fixture(4),
        ]
        let plan = try Self.plan(participants)
        #expect(plan.decision == .fail)
        #expect(
            plan.actions == [
                .refund(GroupDealFixture.id(1), amount: eur(4_000)), .void(GroupDealFixture.id(2)),
                .void(GroupDealFixture.id(3)), .void(GroupDealFixture.id(4)), .markFailed,
            ])
    }

    @Test("re-planning after part of a failure plans only what is left, and nothing once marked")
    func resumes() throws {
        var deal = GroupDeal.fixture()
        var participants: [GroupDealParticipant] = [
            .fixture(1, state: .refunded, capturedAmount: 4_000), .fixture(2, state: .voided),
            .fixture(3, state: .captureFailed), .fixture(4),
        ]
        #expect(
            try Self.plan(participants, deal: deal).actions == [
                .void(GroupDealFixture.id(3)), .void(GroupDealFixture.id(4)), .markFailed,
            ])
        participants[2].state = .voided
        participants[3].state = .voided
        #expect(try Self.plan(participants, deal: deal).actions == [.markFailed])
        deal.status = .failed
        #expect(
            try Self.plan(participants, deal: deal) == GroupDealPlan(decision: .fail, finalUnitPrice: nil, actions: []))
    }
}
