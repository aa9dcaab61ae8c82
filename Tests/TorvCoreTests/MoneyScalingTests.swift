import Testing
import TorvCore

@Suite struct MoneyScalingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var amount: Int64
        var numerator: Int64
        var denominator: Int64
        var rounding: MoneyRounding
        var expected: Int64
        var testDescription: String { "\(amount) × \(numerator)/\(denominator) \(rounding) = \(expected)" }
    }

    @Test("exact results need no rounding")
    func exact() throws {
        #expect(try Money.eur(1000).scaled(by: 19, over: 100) == .eur(190))
        #expect(try Money.eur(-1000).scaled(by: 19, over: 100) == .eur(-190))
    }

    @Test("19 % VAT on 12.99 EUR is 2.47 (2.4681 rounded)")
    func vat() throws {
        #expect(try Money.eur(1299).scaled(by: 19, over: 100) == .eur(247))
    }

    @Test(
        "each rounding rule settles halves and remainders as documented",
        arguments: [
            // halfEven: exact halves go to the even neighbour
            Case(amount: 25, numerator: 1, denominator: 10, rounding: .halfEven, expected: 2),
            Case(amount: 35, numerator: 1, denominator: 10, rounding: .halfEven, expected: 4),
            Case(amount: -25, numerator: 1, denominator: 10, rounding: .halfEven, expected: -2),
            Case(amount: -35, numerator: 1, denominator: 10, rounding: .halfEven, expected: -4),
            Case(amount: 26, numerator: 1, denominator: 10, rounding: .halfEven, expected: 3),
            Case(amount: 24, numerator: 1, denominator: 10, rounding: .halfEven, expected: 2),
            // halfUp: exact halves away from zero
            Case(amount: 25, numerator: 1, denominator: 10, rounding: .halfUp, expected: 3),
            Case(amount: -25, numerator: 1, denominator: 10, rounding: .halfUp, expected: -3),
            Case(amount: 24, numerator: 1, denominator: 10, rounding: .halfUp, expected: 2),
            // down: toward zero
            Case(amount: 29, numerator: 1, denominator: 10, rounding: .down, expected: 2),
            Case(amount: -29, numerator: 1, denominator: 10, rounding: .down, expected: -2),
            // up: away from zero whenever anything remains
            Case(amount: 21, numerator: 1, denominator: 10, rounding: .up, expected: 3),
            Case(amount: -21, numerator: 1, denominator: 10, rounding: .up, expected: -3),
            Case(amount: 20, numerator: 1, denominator: 10, rounding: .up, expected: 2),
            // signs of the ratio
            Case(amount: 100, numerator: 1, denominator: -3, rounding: .halfEven, expected: -33),
            Case(amount: 100, numerator: -2, denominator: -3, rounding: .halfEven, expected: 67),
            Case(amount: -100, numerator: 2, denominator: 3, rounding: .up, expected: -67),
        ])
    func rounding(_ c: Case) throws {
        let result = try Money.eur(c.amount).scaled(by: c.numerator, over: c.denominator, rounding: c.rounding)
        #expect(result == .eur(c.expected))
    }

    @Test("the intermediate product has 128 bits, so only the final result can overflow")
    func wideIntermediate() throws {
        #expect(try Money.eur(.max).scaled(by: .max, over: .max) == .eur(.max))
        #expect(try Money.eur(.min).scaled(by: 3, over: 3) == .eur(.min))
        #expect(try Money.eur(.max).scaled(by: 1, over: 2, rounding: .down) == .eur(.max / 2))
    }

    @Test("results outside 64 bits throw")
    func overflow() {
        #expect(throws: MoneyError.overflow) { try Money.eur(.max).scaled(by: 2, over: 1) }
        #expect(throws: MoneyError.overflow) { try Money.eur(.min).scaled(by: -1, over: 1) }
        #expect(throws: MoneyError.overflow) { try Money.eur(.max).scaled(by: 3, over: 2) }
    }

    @Test("a zero denominator is refused")
    func zeroDenominator() {
        let error = #expect(throws: MoneyError.self) { try Money.eur(100).scaled(by: 1, over: 0) }
        guard case .invalidAllocation = error else {
            Issue.record("expected invalidAllocation, got \(String(describing: error))")
            return
        }
    }

    @Test("scaling keeps the currency")
    func currency() throws {
        let yen = Money(minorUnits: 1000, currency: .jpy)
        #expect(try yen.scaled(by: 8, over: 100).currency == .jpy)
    }
}
