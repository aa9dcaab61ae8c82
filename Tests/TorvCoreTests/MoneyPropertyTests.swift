import PropertyBased
import Testing
import TorvCore

/// Invariants that must hold for every amount, not only the ones in the tables.
@Suite struct MoneyPropertyTests {
    static let currency = Gen<Currency?>.element(of: Currency.all).compactMap { $0 }
    static let anyAmount = Gen.int64()
    static let smallAmount = Gen.int64(in: -100_000...100_000)

    @Test("an equal split always sums to the original and its parts differ by at most one minor unit")
    func splitInvariant() async {
        for amounts in [Self.anyAmount, Self.smallAmount] {
            await propertyCheck(count: 300, input: amounts, Gen.int(in: 1...50), Self.currency) {
                amount, parts, currency in
                let money = Money(minorUnits: amount, currency: currency)
                let split = try money.split(into: parts)
                #expect(split.count == parts)
                #expect(try Money.sum(split, currency: currency) == money)
                let values = split.map(\.amount)
                let spread = Int128(values.max() ?? 0) - Int128(values.min() ?? 0)
                #expect(spread <= 1)
                // Larger magnitudes first, all with the sign of the original.
                #expect(values.map(\.magnitude) == values.map(\.magnitude).sorted(by: >))
                #expect(values.allSatisfy { $0 == 0 || ($0 < 0) == (amount < 0) })
            }
        }
    }

    @Test("an allocation always sums to the original and keeps each part within one unit of its exact share")
    func allocationInvariant() async {
        let ratios = Gen.int64(in: 0...1_000).array(of: 1...12).filter { $0.contains { $0 > 0 } }
        let hugeRatios = Gen.int64(in: 0...Int64.max).array(of: 1...6).filter { $0.contains { $0 > 0 } }
        for ratioGenerator in [ratios, hugeRatios] {
            await propertyCheck(count: 300, input: Self.anyAmount, ratioGenerator) { amount, ratios in
                let money = Money.eur(amount)
                let parts = try money.allocated(ratios)
                #expect(parts.count == ratios.count)
                #expect(try Money.sum(parts, currency: .eur) == money)
                let total = ratios.reduce(Int128(0)) { $0 + Int128($1) }
                for (part, ratio) in zip(parts, ratios) {
                    // |part - amount × ratio / total| < 1, scaled by total to stay in integers.
                    let error = Int128(part.amount) * total - Int128(amount) * Int128(ratio)
                    #expect(error.magnitude < total.magnitude)
                    if ratio == 0 { #expect(part.isZero) }
                }
            }
        }
    }

    @Test("parsing the decimal string gives back the same money")
    func parseFormatRoundTrip() async {
        for amounts in [Self.anyAmount, Self.smallAmount] {
            await propertyCheck(count: 500, input: amounts, Self.currency) { amount, currency in
                let money = Money(minorUnits: amount, currency: currency)
                let parsed = try Money.parse(money.decimalString, currency: currency)
                #expect(parsed == money)
            }
        }
    }

    @Test("negation is an involution except at Int64.min")
    func negation() async {
        await propertyCheck(input: Gen.int64(in: (Int64.min + 1)...Int64.max)) { amount in
            let twice = try Money.eur(amount).negated().negated()
            #expect(twice == .eur(amount))
        }
    }

    @Test("the rounding rules bracket the exact quotient: down and up differ by at most one, the others lie between")
    func roundingBrackets() async {
        let nonZero = Gen.int64(in: -1_000_000...1_000_000).filter { $0 != 0 }
        await propertyCheck(count: 300, input: Self.anyAmount, nonZero, nonZero) { amount, numerator, denominator in
            let money = Money.eur(amount)
            guard let down = try? money.scaled(by: numerator, over: denominator, rounding: .down),
                let up = try? money.scaled(by: numerator, over: denominator, rounding: .up)
            else { return }  // the result does not fit in 64 bits; overflow is tested elsewhere
            #expect((Int128(up.amount) - Int128(down.amount)).magnitude <= 1)
            for rule in [MoneyRounding.halfEven, .halfUp] {
                let value = try money.scaled(by: numerator, over: denominator, rounding: rule).amount
                #expect(value == down.amount || value == up.amount)
            }
        }
    }
}
