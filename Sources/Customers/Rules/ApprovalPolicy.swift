public import TorvCore

/// Why an order has to wait for an approver.
public enum ApprovalReason: Sendable, Hashable, Codable {
    /// The order total is above what the buyer may spend alone.
    case exceedsApprovalLimit(limit: Money)
}

/// Whether a B2B order may go ahead at once.
public enum ApprovalDecision: Sendable, Hashable, Codable {
    case notRequired
    case required(ApprovalReason)
}

/// The order approval rule of B2B companies, as a pure function so that checkout, the approval queue
/// and tests all apply the same one.
public enum ApprovalPolicy {
    /// - Customers outside any company (consumers) never need approval.
    /// - Approvers and admins never need approval.
    /// - A buyer without an approval limit needs none; a buyer whose order total is above their limit
    ///   needs one (a total equal to the limit is within it).
    /// - A total and a limit in different currencies cannot be compared: that is an error, never a guess.
    public static func decide(
        orderTotal: Money, membership: CompanyMembership?
    ) throws(CustomersError) -> ApprovalDecision {
        guard let membership, !membership.role.approves, let limit = membership.approvalLimit else {
            return .notRequired
        }
        guard limit.currency == orderTotal.currency else {
            throw .approvalCurrencyMismatch(order: orderTotal.currency, limit: limit.currency)
        }
        return orderTotal.amount > limit.amount ? .required(.exceedsApprovalLimit(limit: limit)) : .notRequired
    }
}
