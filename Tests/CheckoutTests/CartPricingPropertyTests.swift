import Checkout
import PropertyBased
import Testing
import TorvCore

/// Invariants of the pricing pipeline for any cart, rate table and set of (possibly greedy) adjustments.
@Suite struct CartPricingPropertyTests {
    /// (price, quantity, rate index)
    static let line = zip(Gen.int64(in: 0...200_000), Gen.int(in: 1...25), Gen.int(in: 0...5))
    /// (target: 0 line, 1 order, 2 shipping; line index; amount)
    static let adjustment = zip(Gen.int(in: 0...2), Gen.int(in: 0...9), Gen.int64(in: 0...400_000))
    static let rates = [0, 500, 700, 1900, 2000, 2500]

    static func input(
        lines: [(Int64, Int, Int)], adjustments: [(Int, Int, Int64)], shipping: Int64?, inclusive: Bool
    ) -> PricingInput {
        let pricingLines = lines.enumerated().map { index, line in
            PricingLine.fixture(index, price: line.0, quantity: line.1, taxClass: "class\(line.2)")
        }
        let proposals = adjustments.map { kind, lineIndex, amount in
            let target: AdjustmentTarget =
                switch kind {
                case 0: .line(.number(lineIndex % lines.count))
                case 1: .order
                default: .shipping
                }
            return PriceAdjustment(sourceID: "promo_\(kind)", label: "Promo", target: target, amount: .eur(amount))
        }
        let taxRates =
            rates.enumerated().map { TaxRate(country: "DE", taxClass: "class\($0.offset)", basisPoints: $0.element) }
            + [TaxRate(country: "DE", taxClass: "standard", basisPoints: 1900)]
        return PricingInput(
            currency: .eur, lines: pricingLines, destinationCountry: "DE", shipping: shipping.map { .fixture($0) },
            taxRates: taxRates, pricesIncludeTax: inclusive, adjusters: [FixedAdjuster(list: proposals)])
    }

    @Test("never negative; discounts never exceed what they discount; totals are exact sums")
    func invariants() async {
        await propertyCheck(
            count: 400, input: Self.line.array(of: 1...8), Self.adjustment.array(of: 0...6),
            Gen.int64(in: 0...20_000).optional, Gen.bool()
        ) { lines, adjustments, shipping, inclusive in
            let priced = try CartPricing.price(
                Self.input(lines: lines, adjustments: adjustments, shipping: shipping, inclusive: inclusive))
            for line in priced.lines {
                #expect(!line.discount.isNegative && !line.tax.isNegative && !line.total.isNegative)
                #expect(line.discount.amount <= line.subtotal.amount)
                #expect(line.subtotal.amount == line.unitPrice.amount * Int64(line.quantity))
                #expect(line.discount.amount == line.adjustments.reduce(0) { $0 + $1.amount.amount })
                let base = line.subtotal.amount - line.discount.amount
                #expect(line.total.amount == (inclusive ? base : base + line.tax.amount))
                Self.expectRounded(tax: line.tax.amount, base: base, rate: line.taxRateBasisPoints, inclusive)
            }
            if let shippingLine = priced.shipping {
                #expect(!shippingLine.discount.isNegative && !shippingLine.total.isNegative)
                #expect(shippingLine.discount.amount <= shippingLine.amount.amount)
                let base = shippingLine.amount.amount - shippingLine.discount.amount
                Self.expectRounded(tax: shippingLine.tax.amount, base: base, rate: 1900, inclusive)
            }
            let shippingTotal = priced.shipping?.total.amount ?? 0
            let shippingTax = priced.shipping?.tax.amount ?? 0
            #expect(priced.totals.grandTotal.amount == priced.lines.reduce(0) { $0 + $1.total.amount } + shippingTotal)
            #expect(priced.totals.tax.amount == priced.lines.reduce(0) { $0 + $1.tax.amount } + shippingTax)
            let net = priced.totals.subtotal.amount - priced.totals.discount.amount + priced.totals.shipping.amount
            #expect(priced.totals.grandTotal.amount == (inclusive ? net : net + priced.totals.tax.amount))
            #expect(!priced.totals.grandTotal.isNegative)
            // Every applied unit is accounted for, and nothing beyond what was asked.
            #expect(
                priced.adjustments.allSatisfy { $0.applied.amount <= $0.requested.amount && !$0.applied.isNegative })
            #expect(priced.adjustments.reduce(0) { $0 + $1.applied.amount } == priced.totals.discount.amount)
            #expect(priced.adjustments.count == adjustments.count)
            // The tax breakdown by rate adds up to the same tax, and its net plus tax to the grand total.
            let breakdownTax = priced.taxBreakdown.reduce(Int64(0)) { $0 + $1.tax.amount }
            let breakdownNet = priced.taxBreakdown.reduce(Int64(0)) { $0 + $1.net.amount }
            #expect(breakdownTax == priced.totals.tax.amount)
            #expect(breakdownNet + breakdownTax == priced.totals.grandTotal.amount)
            #expect(Set(priced.taxBreakdown.map(\.basisPoints)).count == priced.taxBreakdown.count)
        }
    }

    @Test("pricing is deterministic: the same input prices the same")
    func deterministic() async {
        await propertyCheck(
            count: 100, input: Self.line.array(of: 1...6), Self.adjustment.array(of: 0...4), Gen.bool()
        ) { lines, adjustments, inclusive in
            let input = Self.input(lines: lines, adjustments: adjustments, shipping: 490, inclusive: inclusive)
            let first = try CartPricing.price(input)
            let second = try CartPricing.price(input)
            #expect(first == second)
        }
    }

    /// The tax is the exact tax rounded to the nearest minor unit: within half a unit of it.
    static func expectRounded(tax: Int64, base: Int64, rate: Int, _ inclusive: Bool) {
        let denominator = Int128(inclusive ? 10_000 + rate : 10_000)
        let exact = Int128(base) * Int128(rate)  // tax × denominator, exactly
        let error = (Int128(tax) * denominator - exact).magnitude * 2
        #expect(error <= denominator.magnitude)
    }
}
