extension Money {
    /// Orders two amounts of the same currency; throws for mixed currencies rather than guess a rate.
    public func compare(to other: Money) throws(MoneyError) -> MoneyOrder {
        try requireSameCurrency(other)
        if amount < other.amount { return .less }
        if amount > other.amount { return .greater }
        return .equal
    }
}

/// The result of ``Money/compare(to:)``; `Foundation.ComparisonResult` would drag Foundation into every
/// caller's signature for three cases.
public enum MoneyOrder: Sendable, Hashable {
    case less, equal, greater
}
