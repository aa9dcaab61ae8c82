import Foundation
import Testing
import TorvCore

@Suite struct CurrencyTests {
    @Test(
        "known ISO 4217 codes carry their minor-unit exponent",
        arguments: [
            ("EUR", 2), ("USD", 2), ("GBP", 2), ("HUF", 2), ("IDR", 2), ("MGA", 2),
            ("JPY", 0), ("KRW", 0), ("CLP", 0), ("ISK", 0), ("VND", 0), ("XOF", 0), ("XAF", 0), ("XPF", 0), ("UGX", 0),
            ("KWD", 3), ("BHD", 3), ("OMR", 3), ("JOD", 3), ("TND", 3), ("IQD", 3), ("LYD", 3),
            ("CLF", 4), ("UYW", 4),
            ("XCG", 2), ("ZWG", 2), ("SLE", 2), ("VED", 2),
        ])
    func knownCodes(code: String, exponent: Int) throws {
        let currency = try #require(Currency(code: code))
        #expect(currency.code == code)
        #expect(currency.minorUnitExponent == exponent)
    }

    @Test(
        "codes that are not exact, active, priceable ISO codes are refused",
        arguments: [
            "eur", "Eur", " EUR", "EUR ", "EU", "EURO", "", "ABC", "€",
            "HRK", "BGN", "ANG", "ZWL", "VEF", "SLL", "CUC",  // withdrawn
            "XAU", "XAG", "XDR", "XTS", "XXX",  // no minor unit
        ])
    func refusedCodes(code: String) {
        #expect(Currency(code: code) == nil)
    }

    @Test("the table holds the active list: about 160 three-letter codes with exponents 0 to 4")
    func table() {
        #expect((155...170).contains(Currency.all.count))
        #expect(Currency.all.map(\.code) == Currency.all.map(\.code).sorted())
        for currency in Currency.all {
            #expect(currency.code.utf8.count == 3)
            #expect(currency.code.allSatisfy { $0.isASCII && $0.isUppercase })
            #expect((0...4).contains(currency.minorUnitExponent))
        }
    }

    @Test(
        "the named constants agree with the table",
        arguments: [
            Currency.eur, .usd, .gbp, .jpy, .sek, .nok, .dkk, .chf, .pln, .czk, .kwd,
        ])
    func constants(currency: Currency) {
        #expect(Currency(code: currency.code) == currency)
    }

    @Test("minor units per major unit follow the exponent")
    func minorUnitsPerMajorUnit() {
        #expect(Currency.jpy.minorUnitsPerMajorUnit == 1)
        #expect(Currency.eur.minorUnitsPerMajorUnit == 100)
        #expect(Currency.kwd.minorUnitsPerMajorUnit == 1000)
        #expect(Currency(code: "CLF")?.minorUnitsPerMajorUnit == 10_000)
    }

    @Test("description is the bare code")
    func description() {
        #expect(Currency.eur.description == "EUR")
        #expect("\(Currency.kwd)" == "KWD")
    }

    @Test("encodes as the plain code string and decodes back")
    func codableRoundTrip() throws {
        let data = try JSONEncoder().encode([Currency.eur, .jpy])
        #expect(String(decoding: data, as: UTF8.self) == #"["EUR","JPY"]"#)
        #expect(try JSONDecoder().decode([Currency].self, from: data) == [.eur, .jpy])
    }

    @Test("decoding an unknown, lowercase or non-string code fails", arguments: [#""EUD""#, #""eur""#, "978", "null"])
    func decodingRefusals(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Currency.self, from: Data(json.utf8))
        }
    }
}
