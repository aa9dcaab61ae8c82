/// An exact amount of one currency, held as an integer count of minor units (cents, öre, fils).
///
/// Integers, not `Double` or `Decimal`, because every amount Torv charges, refunds or books is a whole number
/// of minor units, and integer arithmetic is exact and checkable: every operation either returns the exact
/// result or throws `MoneyError.overflow`; nothing wraps or rounds silently.
///
/// Not `Comparable` on purpose: `5 EUR < 6 USD` has no answer without an exchange rate. Use
/// ``compare(to:)``, which refuses mixed currencies.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// Minor units: 1299 is 12.99 EUR, 1299 JPY or 1.299 KWD.
    public let amount: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.amount = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    public var isZero: Bool { amount == 0 }
    public var isNegative: Bool { amount < 0 }
    public var isPositive: Bool { amount > 0 }

    /// `"12.99 EUR"`: unambiguous in logs and test failures, unlike a locale-formatted symbol.
    public var description: String { "\(decimalString) \(currency.code)" }
}

/// Wire form `{"amount": 1299, "currency": "EUR"}`, minor units as a JSON integer, as the API documents.
extension Money: Codable {
    enum CodingKeys: String, CodingKey {
        case amount
        case currency
    }
}
