import Testing
import TorvCore

@Suite struct MoneyParsingTests {
    static let clf = Currency(code: "CLF") ?? .eur

    @Test(
        "plain decimal amounts are read in minor units of the currency",
        arguments: [
            ("12.99", Currency.eur, Int64(1299)),
            ("12.9", .eur, 1290),
            ("12", .eur, 1200),
            ("0.05", .eur, 5),
            ("-0.05", .eur, -5),
            ("-0", .eur, 0),
            ("007.50", .eur, 750),
            ("1299", .jpy, 1299),
            ("-1299", .jpy, -1299),
            ("1.234", .kwd, 1234),
            ("1.2", .kwd, 1200),
            ("0.0001", clf, 1),
            ("92233720368547758.07", .eur, .max),
            ("-92233720368547758.08", .eur, .min),
            ("9223372036854775807", .jpy, .max),
        ])
    func accepted(text: String, currency: Currency, minorUnits: Int64) throws {
        #expect(try Money.parse(text, currency: currency) == Money(minorUnits: minorUnits, currency: currency))
    }

    @Test(
        "anything but the plain grammar is refused as invalid_amount",
        arguments: [
            ("", Currency.eur), ("-", .eur), (".", .eur),
            (" 12.99", .eur), ("12.99 ", .eur), ("12 99", .eur), ("\t1", .eur),
            ("+12.99", .eur), ("--1", .eur), ("1-", .eur),
            ("1,299.50", .eur), ("12,99", .eur), ("1_000", .eur),
            ("1e3", .eur), ("0x10", .eur), ("NaN", .eur), ("inf", .eur),
            ("12.", .eur), (".5", .eur), ("-.5", .eur), ("12.3.4", .eur),
            ("12.99EUR", .eur), ("€12.99", .eur),
            ("١٢", .eur), ("１２", .eur),  // Arabic-Indic and fullwidth digits
            ("1.0", .jpy), ("1.", .jpy),
            ("12.999", .eur), ("1.2345", .kwd), ("0.001", .eur),
            ("92233720368547758.08", .eur), ("-92233720368547758.09", .eur),
            ("9223372036854775808", .jpy), ("99999999999999999999999999", .eur),
        ])
    func refused(text: String, currency: Currency) {
        let error = #expect(throws: MoneyError.self) { try Money.parse(text, currency: currency) }
        guard case .invalidAmount = error else {
            Issue.record("expected invalidAmount, got \(String(describing: error))")
            return
        }
    }

    @Test("too many decimals are refused, not rounded, and the message says why")
    func tooManyDecimals() {
        let error = #expect(throws: MoneyError.self) { try Money.parse("12.999", currency: .eur) }
        #expect(error?.message.contains("more than 2 decimal places for EUR") == true)
        #expect(error?.code == "invalid_amount")
    }

    @Test("the message quotes at most 32 characters of the input")
    func longInputIsNotEchoed() {
        let text = String(repeating: "9", count: 10_000)
        let error = #expect(throws: MoneyError.self) { try Money.parse(text, currency: .eur) }
        #expect((error?.message.count ?? .max) < 100)
    }
}
