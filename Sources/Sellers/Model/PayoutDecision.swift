public import TorvCore

/// Whether to pay a seller now, how much, and why, for the payout run's log and the seller's statement.
public struct PayoutDecision: Sendable, Hashable {
    /// What to send to the seller's bank, positive; `nil` when the balance is carried to the next run.
    public var amount: Money?
    /// `"pays the available 120.00 EUR"`, `"carried: 12.00 EUR available is below the 25.00 EUR minimum"`.
    public var reason: String

    public init(amount: Money?, reason: String) {
        self.amount = amount
        self.reason = reason
    }
}
