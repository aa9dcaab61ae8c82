public import Foundation
public import TorvCore

/// Settles a deal that is due: all succeeded or all failed, never a mix, and never a "virtual" success.
///
/// A pure planner over what is recorded. The settlement job performs the actions in order, records each
/// result as the participant's new state (or the voucher, or the deal's status) in the same transaction as
/// its idempotency key, and asks again; after a crash it simply asks again. Every action moves its participant
/// to a state the planner never proposes that action for, so no action is planned twice over a deal's life,
/// and voids and refunds that fail at the gateway are retried by repeating the same action, which providers
/// accept idempotently.
///
/// Settlement starts at the deadline, or as soon as the deal is full: a full deal takes no joins and, having
/// tipped, allows no leaving, so waiting would change nothing but leave authorisations to expire (card
/// authorisations lapse after about a week) and vouchers unissued.
public enum GroupDealSettlement {
    /// What is decided and what is left to do, at `now` on the server's clock.
    ///
    /// - Before the deadline and not full: nothing.
    /// - Due with fewer participants in than the minimum: void everyone, mark failed.
    /// - Due and tipped: capture every participant still `joined` at the final tier price × quantity. When none
    ///   is left to capture, at least the minimum captured is a success (void each declined capture, issue one
    ///   voucher per capture, mark succeeded); otherwise, as soon as the captured and the still capturable
    ///   cannot reach the minimum, a failure (refund every capture, void every other authorisation, mark
    ///   failed). The final price stays the tier of everyone counted in at the deadline, even if captures are
    ///   declined: the others were charged it already, and each is charged once.
    ///
    /// Throws only if price × quantity overflows 64 bits of minor units, a price beyond any real one.
    public static func plan(
        _ deal: GroupDeal, participants: [GroupDealParticipant], vouchers: [GroupDealVoucher], at now: Date
    ) throws(MoneyError) -> GroupDealPlan {
        let countIn = participants.countIn
        if deal.status == .open && !deal.isDue(at: now, participants: countIn) {
            return GroupDealPlan(decision: .notYet, finalUnitPrice: nil, actions: [])
        }
        let finalPrice = deal.unitPrice(forParticipants: countIn)
        let decision = decide(deal, participants: participants)
        var actions: [GroupDealAction] = []
        switch decision {
        case .notYet:
            break
        case .capturing:
            for participant in participants where participant.state == .joined {
                actions.append(
                    .capture(participant.id, amount: try finalPrice.multiplied(by: Int64(participant.quantity))))
            }
        case .succeed:
            let holders = Set(vouchers.map(\.participantID))
            for participant in participants {
                if participant.state == .captureFailed { actions.append(.void(participant.id)) }
                if participant.state == .captured && !holders.contains(participant.id) {
                    actions.append(.issueVoucher(participant.id))
                }
            }
            if deal.status == .open { actions.append(.markSucceeded) }
        case .fail:
            for participant in participants {
                switch participant.state {
                case .joined, .captureFailed:
                    actions.append(.void(participant.id))
                case .captured:
                    // The store records the captured amount with the capture; the fallback is what was asked for.
                    let taken: Money
                    if let capturedAmount = participant.capturedAmount {
                        taken = capturedAmount
                    } else {
                        taken = try finalPrice.multiplied(by: Int64(participant.quantity))
                    }
                    actions.append(.refund(participant.id, amount: taken))
                case .left, .voided, .refunded:
                    break
                }
            }
            if deal.status == .open { actions.append(.markFailed) }
        }
        let pays = decision == .capturing || decision == .succeed
        return GroupDealPlan(decision: decision, finalUnitPrice: pays ? finalPrice : nil, actions: actions)
    }

    /// Stable under re-planning: failing only lowers the captured and capturable counts, so a failure stays
    /// one; success plans no refunds and no captures, so it stays one too.
    private static func decide(_ deal: GroupDeal, participants: [GroupDealParticipant]) -> GroupDealDecision {
        switch deal.status {
        case .succeeded: return .succeed
        case .failed: return .fail
        case .open: break
        }
        let captured = participants.count { $0.state == .captured }
        let capturable = participants.count { $0.state == .joined }
        if captured + capturable < deal.minParticipants { return .fail }
        return capturable > 0 ? .capturing : .succeed
    }
}
