import Foundation
import Promotions
import PropertyBased
import Testing
import TorvCore

/// A group deal's guarantees over random deals, random joins and leaves, random declines and crashes at any
/// point of settlement: all succeeded or all failed, each action once.
@Suite struct GroupDealPropertyTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))
    static let steps = Gen.int(in: 0...60)

    @Test("the random deals are valid, and their price never rises with more participants")
    func randomDealsAreValid() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            let deal = RandomGroupDeals.deal(seed: seed)
            let new = NewGroupDeal(
                title: deal.title, productID: deal.productID, variantID: deal.variantID, sku: deal.sku,
                regularPrice: deal.regularPrice, tiers: deal.tiers, minParticipants: deal.minParticipants,
                maxParticipants: deal.maxParticipants, maxQuantityPerParticipant: deal.maxQuantityPerParticipant,
                opensAt: deal.opensAt, deadline: deal.deadline, voucherValidDays: deal.voucherValidDays)
            #expect(GroupDealRules.validate(new, now: deal.createdAt) == [])
            for count in 0...12 {
                let price = deal.unitPrice(forParticipants: count)
                #expect(price.amount > 0 && price.amount <= deal.regularPrice.amount)
                #expect(deal.unitPrice(forParticipants: count + 1).amount <= price.amount)
            }
        }
    }

    @Test("every deal ends all succeeded or all failed, with each action performed at most once")
    func allOrNothing() async {
        await propertyCheck(count: 500, input: Self.seeds, Self.seeds, Self.steps) { dealSeed, runSeed, steps in
            var run = GroupDealRun(deal: RandomGroupDeals.deal(seed: dealSeed), seed: runSeed)
            run.live(steps: steps)
            #expect(run.issues == [])

            let keys = run.performed.map { "\($0.action.kind) \($0.action.participantID?.rawValue ?? "deal")" }
            #expect(Set(keys).count == keys.count, "an action was performed twice: \(keys)")
            let marks = run.performed.filter { $0.action == .markSucceeded || $0.action == .markFailed }
            #expect(marks.count == 1 && run.performed.last.map { marks.last?.action == $0.action } == true)

            let participantsIn = run.participants.filter(\.state.isIn)
            switch run.deal.status {
            case .open:
                Issue.record("the deal was not settled")
            case .succeeded:
                let captured = participantsIn.filter { $0.state == .captured }
                #expect(captured.count >= run.deal.minParticipants)
                #expect(participantsIn.allSatisfy { [.captured, .voided].contains($0.state) })
                #expect(Set(run.vouchers.map(\.participantID)) == Set(captured.map(\.id)))
                #expect(run.vouchers.count == captured.count)
                #expect(!run.performed.contains { $0.action.kind == "refund" })
            case .failed:
                #expect(participantsIn.allSatisfy { [.voided, .refunded].contains($0.state) })
                #expect(run.vouchers.isEmpty)
                let accepted = run.performed.filter { $0.action.kind == "capture" && $0.accepted }
                let refunded = run.performed.filter { $0.action.kind == "refund" }
                #expect(
                    Set(accepted.compactMap(\.action.participantID)) == Set(refunded.compactMap(\.action.participantID))
                )
            }
        }
    }

    @Test("everyone captured pays the same final tier price, never more than they authorised")
    func finalPriceWithinAuthorisation() async {
        await propertyCheck(count: 500, input: Self.seeds, Self.seeds, Self.steps) { dealSeed, runSeed, steps in
            var run = GroupDealRun(deal: RandomGroupDeals.deal(seed: dealSeed), seed: runSeed)
            run.live(steps: steps)

            #expect(run.finalPrices.count <= 1)
            let finalPrice = run.deal.finalUnitPrice(participants: run.participants)
            for participant in run.participants where participant.state.isIn {
                #expect(finalPrice.amount <= participant.unitPrice.amount)
            }
            for case (.capture(let id, let amount), _) in run.performed {
                let participant = run.participants.first { $0.id == id }!
                #expect(amount == eur(finalPrice.amount * Int64(participant.quantity)))
                #expect(amount.amount <= participant.authorisedAmount.amount)
            }
        }
    }

    @Test("the public log shows every join, tips once when the minimum was reached, and ends with the outcome")
    func log() async {
        await propertyCheck(count: 300, input: Self.seeds, Self.seeds, Self.steps) { dealSeed, runSeed, steps in
            var run = GroupDealRun(deal: RandomGroupDeals.deal(seed: dealSeed), seed: runSeed)
            run.live(steps: steps)
            let entries = GroupDealLog.entries(for: run.deal, participants: run.participants)

            var joins = 0
            var tips: [Date] = []
            for entry in entries {
                if case .joined = entry { joins += 1 }
                if case .tipped(let at, let count) = entry {
                    tips.append(at)
                    #expect(count == run.deal.minParticipants)
                }
            }
            #expect(joins == run.participants.count)
            #expect(tips == (run.deal.tippedAt.map { [$0] } ?? []))
            switch (run.deal.status, entries.last) {
            case (.succeeded, .succeeded?), (.failed, .failed?): break
            default: Issue.record("the log ends with \(String(describing: entries.last)) for a \(run.deal.status) deal")
            }
        }
    }
}

@Suite struct GroupDealRunCoverageTests {
    @Test("the random lives reach every ending the properties are about")
    func everyEndingIsReached() {
        var endings: [String: Int] = [:]
        for seed in 0..<500 {
            var run = GroupDealRun(deal: RandomGroupDeals.deal(seed: seed), seed: seed &* 7_919)
            run.live(steps: seed % 61)
            let refunded = run.performed.contains { $0.action.kind == "refund" }
            let declined = run.performed.contains { $0.action.kind == "capture" && !$0.accepted }
            let captured = run.performed.contains { $0.action.kind == "capture" }
            if run.deal.status == .succeeded { endings["succeeded", default: 0] += 1 }
            if run.deal.status == .succeeded && declined { endings["succeeded despite a decline", default: 0] += 1 }
            if run.deal.status == .failed && !captured { endings["failed below the minimum", default: 0] += 1 }
            if run.deal.status == .failed && refunded { endings["failed after captures", default: 0] += 1 }
            if let settledAt = run.deal.settledAt, settledAt < run.deal.deadline {
                endings["settled early when full", default: 0] += 1
            }
            if run.participants.contains(where: { $0.state == .left }) { endings["someone left", default: 0] += 1 }
        }
        #expect(endings.count == 6, "\(endings)")
        #expect(endings.values.allSatisfy { $0 >= 5 }, "\(endings)")
    }
}
