public import TorvCore

/// The platform's fee for one line, with the rule that set it and a sentence a seller can check by hand.
public struct CommissionQuote: Sendable, Hashable {
    /// Never negative and never more than the line amount.
    public var fee: Money
    /// `nil` when no rule matched; the fee is then zero.
    public var ruleID: String?
    /// The calculation in words, e.g. `"12.5 % of 39.98 EUR + 0.30 EUR × 2, at least 1.00 EUR = 5.60 EUR
    /// (rule com_1: category cat_books, plan pro)"`, shown on the seller's statement.
    public var explanation: String

    public init(fee: Money, ruleID: String?, explanation: String) {
        self.fee = fee
        self.ruleID = ruleID
        self.explanation = explanation
    }
}
