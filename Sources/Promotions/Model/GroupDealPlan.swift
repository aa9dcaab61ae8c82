public import TorvCore

/// One step of settling a group deal. The caller performs it, records its result as a participant state (or
/// the deal's status), and asks ``GroupDealSettlement/plan(_:participants:vouchers:at:)`` again.
public enum GroupDealAction: Sendable, Hashable {
    /// Charge the final tier price × quantity against the participant's authorisation.
    case capture(GroupDealParticipantID, amount: Money)
    /// Release the authorisation: the deal failed, or this participant's capture did.
    case void(GroupDealParticipantID)
    /// Give back a capture because the deal failed after it (other captures were declined).
    case refund(GroupDealParticipantID, amount: Money)
    case issueVoucher(GroupDealParticipantID)
    /// Always last, after every participant action of a successful deal.
    case markSucceeded
    /// Always last, after every void and refund of a failed deal.
    case markFailed
}

/// How far the outcome of a deal is decided.
public enum GroupDealDecision: Sendable, Hashable {
    /// Before the deadline and not full: joins and leaves may still change the outcome.
    case notYet
    /// Tipped and due; captures are outstanding and their results decide between success and failure.
    case capturing
    case succeed
    case fail
}

/// The decision and what is left to do for it; empty actions once the deal is settled.
public struct GroupDealPlan: Sendable, Hashable {
    public var decision: GroupDealDecision
    /// The unit price every participant pays if the deal succeeds: the tier of the participants counted when
    /// it became due. `nil` before then, when the count can still change.
    public var finalUnitPrice: Money?
    /// In the order to perform them; the deal's mark comes last.
    public var actions: [GroupDealAction]

    public init(decision: GroupDealDecision, finalUnitPrice: Money?, actions: [GroupDealAction]) {
        self.decision = decision
        self.finalUnitPrice = finalUnitPrice
        self.actions = actions
    }
}
