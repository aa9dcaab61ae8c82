/// Where a payment stands. Only provider outcomes (answers, webhooks, lookups) move it: never a client.
public enum PaymentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Created; no authorisation has succeeded yet.
    case pending
    /// The customer must complete a challenge (3-D Secure) before the provider decides.
    case requiresAction = "requires_action"
    /// Funds are held (or, for an invoice, the customer is approved for net terms).
    case authorized
    /// Money was taken (or the invoice issued); refunds may follow.
    case captured
    case partiallyRefunded = "partially_refunded"
    case refunded
    /// The authorisation was cancelled before capture.
    case voided
    /// The last authorisation was declined; a new attempt (another card) may start.
    case failed
    /// A provider call ended without an answer (a timeout). Only asking the provider resolves it.
    case unknown
}

/// The four kinds of call a payment makes to its provider.
public enum PaymentOperationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case authorization = "authorize"
    case capture
    case void
    case refund
}
