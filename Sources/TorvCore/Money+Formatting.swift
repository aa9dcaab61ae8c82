public import Foundation

extension Money {
    /// The plain decimal form, exponent-aware and without grouping: `"12.99"`, `"-0.05"`, `"1299"` for JPY,
    /// `"1.234"` for KWD. It is exactly what ``parse(_:currency:)`` reads back, so it suits CSV exports and
    /// forms.
    public var decimalString: String {
        let parts = DecimalParts(self)
        let sign = isNegative ? "-" : ""
        return parts.fraction.isEmpty ? sign + parts.integer : sign + parts.integer + "." + parts.fraction
    }

    /// The amount as a shopper in `locale` expects to read it: `"€12.99"` in en_US, `"12,99 €"` in de_DE.
    ///
    /// Foundation supplies only the locale's symbol, separators, digits and placement; the digits themselves
    /// are built from the integer amount, because `NumberFormatter` goes through `Double` and would misprint
    /// amounts beyond 2^53 minor units. The number of decimals is always the ISO exponent of the currency
    /// (CLDR disagrees for a few currencies, and a price must show what is charged).
    public func formatted(locale: Locale = Locale(identifier: "en_US")) -> String {
        let style = CurrencyStyle.cached(for: locale, currency: currency)
        let parts = DecimalParts(self)
        var number = style.grouped(parts.integer)
        if !parts.fraction.isEmpty {
            number += style.decimalSeparator + parts.fraction
        }
        return style.render(number: style.localizedDigits(number), negative: isNegative)
    }
}

/// The digits of an amount's magnitude, split at the currency's decimal point.
struct DecimalParts {
    var integer: String
    var fraction: String

    init(_ money: Money) {
        // `magnitude` is a UInt64, so Int64.min is printed correctly.
        let digits = String(money.amount.magnitude)
        let exponent = money.currency.minorUnitExponent
        guard exponent > 0 else {
            integer = digits
            fraction = ""
            return
        }
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        integer = String(padded.dropLast(exponent))
        fraction = String(padded.suffix(exponent))
    }
}
