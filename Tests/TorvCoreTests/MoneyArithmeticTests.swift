import Testing
import TorvCore

@Suite struct MoneyArithmeticTests {
    @Test("adding and subtracting amounts of one currency")
    func addSubtract() throws {
        #expect(try Money.eur(1299).adding(.eur(1)) == .eur(1300))
        #expect(try Money.eur(5).subtracting(.eur(10)) == .eur(-5))
    }

    @Test("combining different currencies is refused, naming both")
    func currencyMismatch() {
        let dollars = Money(minorUnits: 100, currency: .usd)
        #expect(throws: MoneyError.currencyMismatch(.eur, .usd)) { try Money.eur(100).adding(dollars) }
        #expect(throws: MoneyError.currencyMismatch(.usd, .eur)) { try dollars.subtracting(.eur(1)) }
        #expect(throws: MoneyError.currencyMismatch(.eur, .usd)) { try Money.eur(1).compare(to: dollars) }
    }

    @Test("results outside 64 bits throw instead of wrapping")
    func overflow() {
        let max = Money.eur(.max)
        let min = Money.eur(.min)
        #expect(throws: MoneyError.overflow) { try max.adding(.eur(1)) }
        #expect(throws: MoneyError.overflow) { try min.subtracting(.eur(1)) }
        #expect(throws: MoneyError.overflow) { try min.adding(.eur(-1)) }
        #expect(throws: MoneyError.overflow) { try max.multiplied(by: 2) }
        #expect(throws: MoneyError.overflow) { try min.multiplied(by: -1) }
        #expect(throws: MoneyError.overflow) { try min.negated() }
        #expect(throws: MoneyError.overflow) { try min.absolute() }
    }

    @Test("the edges themselves are reachable")
    func edges() throws {
        #expect(try Money.eur(.max - 1).adding(.eur(1)) == .eur(.max))
        #expect(try Money.eur(.min + 1).subtracting(.eur(1)) == .eur(.min))
        #expect(try Money.eur(.max).negated() == .eur(-.max))
    }

    @Test(
        "multiplying by a quantity", arguments: [(Int64(1299), Int64(3), Int64(3897)), (1299, 0, 0), (1299, -2, -2598)])
    func multiply(amount: Int64, factor: Int64, expected: Int64) throws {
        #expect(try Money.eur(amount).multiplied(by: factor) == .eur(expected))
    }

    @Test("negating and taking the magnitude")
    func negate() throws {
        #expect(try Money.eur(5).negated() == .eur(-5))
        #expect(try Money.eur(-5).negated() == .eur(5))
        #expect(try Money.eur(0).negated() == .eur(0))
        #expect(try Money.eur(-7).absolute() == .eur(7))
    }

    @Test("the sum of nothing is zero in the given currency")
    func emptySum() throws {
        #expect(try Money.sum([], currency: .jpy) == .zero(.jpy))
    }

    @Test("sum adds every value and refuses strangers and overflow")
    func sum() throws {
        #expect(try Money.sum([.eur(100), .eur(250), .eur(-50)], currency: .eur) == .eur(300))
        #expect(throws: MoneyError.currencyMismatch(.usd, .eur)) { try Money.sum([.eur(1)], currency: .usd) }
        #expect(throws: MoneyError.overflow) { try Money.sum([.eur(.max), .eur(1)], currency: .eur) }
    }

    @Test("compare orders amounts of one currency")
    func compare() throws {
        #expect(try Money.eur(1).compare(to: .eur(2)) == .less)
        #expect(try Money.eur(2).compare(to: .eur(2)) == .equal)
        #expect(try Money.eur(-1).compare(to: .eur(-2)) == .greater)
    }
}
