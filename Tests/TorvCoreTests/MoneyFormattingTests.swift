import Foundation
import Testing
import TorvCore

@Suite struct MoneyFormattingTests {
    @Test(
        "decimalString is exponent-aware, ungrouped and exact",
        arguments: [
            (Money.eur(1299), "12.99"),
            (.eur(-5), "-0.05"),
            (.eur(0), "0.00"),
            (.eur(100), "1.00"),
            (Money(minorUnits: 1299, currency: .jpy), "1299"),
            (Money(minorUnits: -7, currency: .jpy), "-7"),
            (Money(minorUnits: 1234, currency: .kwd), "1.234"),
            (Money(minorUnits: -1, currency: .kwd), "-0.001"),
            (Money(minorUnits: 1, currency: Currency(code: "CLF") ?? .eur), "0.0001"),
            (.eur(.min), "-92233720368547758.08"),
            (.eur(.max), "92233720368547758.07"),
            (Money(minorUnits: .max, currency: .jpy), "9223372036854775807"),
        ])
    func decimalString(money: Money, expected: String) {
        #expect(money.decimalString == expected)
    }

    @Test(
        "formatting follows the locale's symbol, separators and placement",
        arguments: [
            (Money.eur(1299), "en_US", "€12.99"),
            (.eur(1299), "de_DE", "12,99\u{A0}€"),
            (.eur(-123_450), "en_US", "-€1,234.50"),
            (.eur(123_456_725), "de_DE", "1.234.567,25\u{A0}€"),
            (.eur(0), "en_US", "€0.00"),
            (.eur(-5), "de_DE", "-0,05\u{A0}€"),
            (Money(minorUnits: 1_234_567, currency: .jpy), "en_US", "¥1,234,567"),
            (Money(minorUnits: 1_234_500, currency: .kwd), "en_US", "KWD\u{A0}1,234.500"),
            (Money(minorUnits: 1299, currency: .chf), "en_US", "CHF\u{A0}12.99"),
            (Money(minorUnits: 1299, currency: .gbp), "en_GB", "£12.99"),
            (Money(minorUnits: 1299, currency: .usd), "de_DE", "12,99\u{A0}$"),
            (Money(minorUnits: -123_450, currency: .chf), "de_CH", "CHF-1\u{2019}234.50"),
            (Money(minorUnits: 123_450, currency: .pln), "pl_PL", "1234,50\u{A0}zł"),  // no grouping below 10 000
            (Money(minorUnits: 1_000_000, currency: .pln), "pl_PL", "10\u{A0}000,00\u{A0}zł"),
            (Money(minorUnits: 1_234_500, currency: .kwd), "ar_KW", "\u{200F}١٬٢٣٤٫٥٠٠\u{A0}د.ك.\u{200F}"),
        ])
    func formatted(money: Money, locale: String, expected: String) {
        #expect(money.formatted(locale: Locale(identifier: locale)) == expected)
    }

    @Test("en_US is the default locale")
    func defaultLocale() {
        #expect(Money.eur(1299).formatted() == "€12.99")
    }

    @Test("amounts beyond Double's 53 bits are printed digit for digit")
    func noDoublePrecisionLoss() {
        #expect(Money.eur(.max).formatted() == "€92,233,720,368,547,758.07")
        #expect(Money.eur(.min).formatted() == "-€92,233,720,368,547,758.08")
        #expect(Money.eur(9_007_199_254_740_993).formatted() == "€90,071,992,547,409.93")
    }

    @Test("the currency's ISO exponent wins over the locale's usual decimals")
    func isoExponent() {
        let clf = Money(minorUnits: 12_345, currency: Currency(code: "CLF") ?? .eur)
        #expect(clf.formatted(locale: Locale(identifier: "en_US")).hasSuffix("1.2345"))
        #expect(Money(minorUnits: 5, currency: .jpy).formatted(locale: Locale(identifier: "de_DE")).hasPrefix("5"))
    }

    static let locales = [
        "en_US", "en_GB", "en_IN", "de_DE", "de_CH", "fr_FR", "fr_CH", "nl_NL", "sv_SE", "nb_NO", "da_DK", "pl_PL",
        "cs_CZ", "es_ES", "it_IT", "pt_BR", "tr_TR", "ru_RU", "ja_JP", "zh_CN", "ko_KR", "ar_KW", "ar_EG", "fa_IR",
        "he_IL", "hi_IN", "th_TH",
    ]
    static let amounts: [Int64] = [0, 5, -5, 1299, -123_450, 1_000_00, 123_456_725, -987_654_321_00]

    @Test("output matches Foundation's own currency formatting where Double is still exact", arguments: locales)
    func matchesFoundation(localeIdentifier: String) throws {
        let locale = Locale(identifier: localeIdentifier)
        for currency in [Currency.eur, .usd, .jpy, .kwd, .chf, .sek, .pln, .gbp] {
            let reference = NumberFormatter()
            reference.locale = locale
            reference.numberStyle = .currency
            reference.currencyCode = currency.code
            reference.minimumFractionDigits = currency.minorUnitExponent
            reference.maximumFractionDigits = currency.minorUnitExponent
            for amount in Self.amounts {
                let money = Money(minorUnits: amount, currency: currency)
                // Small integers divided by a power of ten print exactly with this many decimals.
                let value = NSNumber(value: Double(amount) / Double(currency.minorUnitsPerMajorUnit))
                let expected = try #require(reference.string(from: value))
                #expect(money.formatted(locale: locale) == expected, "\(localeIdentifier) \(money)")
            }
        }
    }
}
