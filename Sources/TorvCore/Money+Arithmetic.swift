extension Money {
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (result, overflow) = amount.addingReportingOverflow(other.amount)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: result, currency: currency)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (result, overflow) = amount.subtractingReportingOverflow(other.amount)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: result, currency: currency)
    }

    /// Unit price × quantity. Fractional factors (discounts, tax rates) go through ``scaled(by:over:rounding:)``
    /// so the rounding is stated where it happens.
    public func multiplied(by factor: Int64) throws(MoneyError) -> Money {
        let (result, overflow) = amount.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: result, currency: currency)
    }

    /// Throws for `Int64.min`, whose negation does not exist in 64 bits.
    public func negated() throws(MoneyError) -> Money {
        let (result, overflow) = Int64(0).subtractingReportingOverflow(amount)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: result, currency: currency)
    }

    /// The magnitude of the amount; throws for `Int64.min` like ``negated()``.
    public func absolute() throws(MoneyError) -> Money {
        isNegative ? try negated() : self
    }

    /// Totals a list; an empty list is zero of `currency`, which is why the currency must be given.
    public static func sum(_ values: [Money], currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for value in values {
            total = try total.adding(value)
        }
        return total
    }

    func requireSameCurrency(_ other: Money) throws(MoneyError) {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
    }
}
