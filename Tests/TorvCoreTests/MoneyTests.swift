import Foundation
import Testing
import TorvCore

@Suite struct MoneyTests {
    @Test("zero and the sign predicates")
    func predicates() {
        let zero = Money.zero(.usd)
        #expect(zero.amount == 0 && zero.currency == .usd)
        #expect(zero.isZero && !zero.isNegative && !zero.isPositive)
        #expect(Money.eur(1).isPositive && !Money.eur(1).isZero)
        #expect(Money.eur(-1).isNegative && !Money.eur(-1).isPositive)
    }

    @Test(
        "description is the decimal amount and the code",
        arguments: [
            (Money.eur(1299), "12.99 EUR"),
            (Money.eur(-5), "-0.05 EUR"),
            (Money(minorUnits: 1299, currency: .jpy), "1299 JPY"),
            (Money(minorUnits: 1234, currency: .kwd), "1.234 KWD"),
        ])
    func description(money: Money, expected: String) {
        #expect(money.description == expected)
    }

    @Test("the wire form is {amount, currency} with minor units as an integer")
    func wireForm() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Money.eur(1299))
        #expect(String(decoding: data, as: UTF8.self) == #"{"amount":1299,"currency":"EUR"}"#)
        #expect(try JSONDecoder().decode(Money.self, from: data) == .eur(1299))
    }

    @Test("extreme amounts survive the wire", arguments: [Int64.min, -1, 0, Int64.max])
    func extremeAmounts(amount: Int64) throws {
        let money = Money(minorUnits: amount, currency: .kwd)
        let data = try JSONEncoder().encode(money)
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
    }

    @Test(
        "decoding refuses fractions, unknown currencies, missing fields and out-of-range amounts",
        arguments: [
            #"{"amount":12.99,"currency":"EUR"}"#,
            #"{"amount":1299,"currency":"EURO"}"#,
            #"{"amount":"1299","currency":"EUR"}"#,
            #"{"amount":1299}"#,
            #"{"currency":"EUR"}"#,
            #"{"amount":9223372036854775808,"currency":"EUR"}"#,
        ])
    func decodingRefusals(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Money.self, from: Data(json.utf8))
        }
    }

    @Test("equal amounts in different currencies are different money")
    func equalityIncludesCurrency() {
        #expect(Money.eur(100) != Money(minorUnits: 100, currency: .usd))
        #expect(Set([Money.eur(100), .eur(100), Money(minorUnits: 100, currency: .usd)]).count == 2)
    }
}
