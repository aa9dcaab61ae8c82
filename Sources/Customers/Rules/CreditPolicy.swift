public import TorvCore

/// How much more a company may buy on invoice.
///
/// The outstanding amount (invoiced and not yet paid) is the caller's to supply: Customers keeps no
/// invoices. Until a finance module reports it, a flow passes what it knows (for example the sum of the
/// company's unpaid orders); the rule stays the same when the source changes.
public enum CreditPolicy {
    /// The credit still open: the limit minus what is outstanding, never below zero. `nil` means the
    /// company has no limit. A suspended company has none left. Throws when the outstanding amount is in
    /// another currency than the limit.
    public static func availableCredit(
        of company: Company, outstanding: Money
    ) throws(CustomersError) -> Money? {
        guard let limit = company.creditLimit else {
            return company.status == .active ? nil : .zero(outstanding.currency)
        }
        guard limit.currency == outstanding.currency else {
            throw .creditCurrencyMismatch(outstanding: outstanding.currency, limit: limit.currency)
        }
        guard company.status == .active else { return .zero(limit.currency) }
        // Credit notes can make `outstanding` negative; the limit is never negative (a CHECK), so only
        // a huge credit can overflow, and then the limit itself is the cautious answer.
        let (remaining, overflow) = limit.amount.subtractingReportingOverflow(outstanding.amount)
        if overflow { return limit }
        return Money(minorUnits: max(remaining, 0), currency: limit.currency)
    }

    /// Whether an invoice order of `orderTotal` fits in the company's open credit.
    public static func allows(
        orderTotal: Money, company: Company, outstanding: Money
    ) throws(CustomersError) -> Bool {
        guard let available = try availableCredit(of: company, outstanding: outstanding) else { return true }
        guard available.currency == orderTotal.currency else {
            throw .creditCurrencyMismatch(outstanding: orderTotal.currency, limit: available.currency)
        }
        return orderTotal.amount <= available.amount
    }
}
