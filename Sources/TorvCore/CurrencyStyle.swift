import Foundation
import Synchronization

/// How one locale writes amounts of one currency: symbol, separators, digits and where the symbol and the
/// minus sign go. Read once from Foundation's currency pattern, then applied to digits Torv computed itself.
struct CurrencyStyle: Sendable {
    var positive: Affixes
    /// Set when the locale has its own negative pattern (`"¤-#,##0.00"` in de_CH); otherwise the minus sign
    /// goes before the positive form, as ICU does.
    var negative: Affixes?
    var minusSign: String
    var decimalSeparator: String
    var groupingSeparator: String
    var primaryGroup: Int
    var secondaryGroup: Int
    /// Some locales (pl, es) leave four-digit integers ungrouped: "1000,00 zł" but "10 000,00 zł".
    var minimumGroupingDigits: Int
    /// The locale's digits for 0...9, when it does not use ASCII digits (ar, fa).
    var digits: [Character]?

    struct Affixes: Sendable {
        var prefix: String
        var suffix: String
    }

    func render(number: String, negative isNegative: Bool) -> String {
        guard isNegative else { return positive.prefix + number + positive.suffix }
        if let negative {
            return negative.prefix + number + negative.suffix
        }
        return minusSign + positive.prefix + number + positive.suffix
    }

    func grouped(_ integer: String) -> String {
        guard primaryGroup > 0, integer.count >= primaryGroup + minimumGroupingDigits else { return integer }
        var groups: [Substring] = []
        var rest = Substring(integer)
        var size = primaryGroup
        while rest.count > size {
            groups.append(rest.suffix(size))
            rest = rest.dropLast(size)
            size = secondaryGroup
        }
        groups.append(rest)
        return groups.reversed().joined(separator: groupingSeparator)
    }

    func localizedDigits(_ number: String) -> String {
        guard let digits else { return number }
        return String(
            number.map { character in
                guard let value = character.wholeNumberValue, character.isASCII else { return character }
                return digits[value]
            })
    }
}

extension CurrencyStyle {
    /// Building a style costs a `NumberFormatter` (tens of microseconds); prices are formatted by the
    /// thousand per page, so styles are kept. Bounded, because locale identifiers can come from request
    /// headers and must not grow memory without limit.
    private static let cache = Mutex<[String: CurrencyStyle]>([:])
    private static let cacheLimit = 512

    static func cached(for locale: Locale, currency: Currency) -> CurrencyStyle {
        let key = locale.identifier + "|" + currency.code
        if let style = cache.withLock({ $0[key] }) { return style }
        let style = CurrencyStyle(locale: locale, currency: currency)
        cache.withLock { styles in
            if styles.count >= cacheLimit { styles.removeAll(keepingCapacity: true) }
            styles[key] = style
        }
        return style
    }

    init(locale: Locale, currency: Currency) {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .currency
        formatter.currencyCode = currency.code

        let symbol = formatter.currencySymbol ?? currency.code
        let pattern = CurrencyPattern(formatter.positiveFormat ?? "¤#,##0.00")
        minusSign = formatter.minusSign ?? "-"
        decimalSeparator = formatter.currencyDecimalSeparator ?? "."
        groupingSeparator = formatter.currencyGroupingSeparator ?? ","
        primaryGroup = pattern.primaryGroup
        secondaryGroup = pattern.secondaryGroup
        positive = pattern.affixes(symbol: symbol, code: currency.code, minusSign: minusSign)
        negative = nil
        if let negativeFormat = formatter.negativeFormat, negativeFormat != formatter.positiveFormat {
            let negativePattern = CurrencyPattern(negativeFormat)
            if negativePattern.hasMinusSign {
                negative = negativePattern.affixes(symbol: symbol, code: currency.code, minusSign: minusSign)
            }
        }
        minimumGroupingDigits = Self.minimumGroupingDigits(locale: locale)
        digits = Self.nativeDigits(locale: locale)
    }

    /// Asks the locale how it writes 1000, an integer `NumberFormatter` renders exactly.
    private static func minimumGroupingDigits(locale: Locale) -> Int {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        guard let separator = formatter.groupingSeparator, !separator.isEmpty,
            let thousand = formatter.string(from: 1000)
        else { return 1 }
        return thousand.contains(separator) ? 1 : 2
    }

    private static func nativeDigits(locale: Locale) -> [Character]? {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .none
        var digits: [Character] = []
        for value in 0...9 {
            guard let text = formatter.string(from: NSNumber(value: value)), text.count == 1,
                let digit = text.first, digit.wholeNumberValue == value
            else { return nil }
            digits.append(digit)
        }
        return digits.allSatisfy(\.isASCII) ? nil : digits
    }
}
