import Checkout
import Testing
import TorvCore

@Suite("Cart pricing")
struct CartPricingTests {
    @Test("tax-exclusive prices: tax per line is added, the grand total is lines plus shipping")
    func exclusive() throws {
        let priced = try CartPricing.price(
            PricingInput(
                currency: .eur,
                lines: [.fixture(1, price: 1000, quantity: 2), .fixture(2, price: 499, taxClass: "reduced")],
                destinationCountry: "DE", shipping: .fixture(500), taxRates: TaxRate.europe, pricesIncludeTax: false))
        // 2000 × 19 % = 380; 499 × 7 % = 34.93 → 35; shipping 500 × 19 % = 95
        #expect(priced.lines.map(\.subtotal) == [.eur(2000), .eur(499)])
        #expect(priced.lines.map(\.tax) == [.eur(380), .eur(35)])
        #expect(priced.lines.map(\.total) == [.eur(2380), .eur(534)])
        #expect(priced.shipping?.tax == .eur(95))
        #expect(priced.shipping?.total == .eur(595))
        #expect(
            priced.totals
                == CartTotals(
                    subtotal: .eur(2499), discount: .eur(0), shipping: .eur(500), tax: .eur(510),
                    grandTotal: .eur(3509)))
        #expect(priced.taxBreakdown.map(\.basisPoints) == [700, 1900])
        #expect(priced.taxBreakdown.map(\.net) == [.eur(499), .eur(2500)])
        #expect(priced.taxBreakdown.map(\.tax) == [.eur(35), .eur(475)])
    }

    @Test("tax-inclusive prices: tax is contained, gross × r / (1 + r), and nothing is added")
    func inclusive() throws {
        let priced = try CartPricing.price(
            PricingInput(
                currency: .eur, lines: [.fixture(1, price: 1190), .fixture(2, price: 1070, taxClass: "reduced")],
                destinationCountry: "DE", shipping: .fixture(595), taxRates: TaxRate.europe, pricesIncludeTax: true))
        #expect(priced.lines.map(\.tax) == [.eur(190), .eur(70)])
        #expect(priced.lines.map(\.total) == [.eur(1190), .eur(1070)])
        #expect(priced.shipping?.tax == .eur(95))
        #expect(priced.totals.grandTotal == .eur(1190 + 1070 + 595))
        #expect(priced.totals.tax == .eur(190 + 70 + 95))
        #expect(priced.taxBreakdown.map(\.net) == [.eur(1000), .eur(1000 + 500)])
    }

    @Test(
        "tax rounds once per line, half to even",
        arguments: [
            // (amount, basis points, inclusive, expected tax)
            (5, 1000, false, 0),  // 0.5 → 0
            (15, 1000, false, 2),  // 1.5 → 2
            (25, 1000, false, 2),  // 2.5 → 2
            (35, 1000, false, 4),  // 3.5 → 4
            (1000, 2000, true, 167),  // 166.67
            (1100, 1000, true, 100),  // exact
            (21, 500, true, 1),  // 1.0
            (105, 500, true, 5),  // 5.0 exact
            (63, 2600, true, 13),  // 13.0 exact: 63 × 2600 / 12600
            (0, 2500, false, 0),
            (999, 0, false, 0),
        ] as [(Int64, Int, Bool, Int64)])
    func rounding(amount: Int64, basisPoints: Int, inclusive: Bool, expected: Int64) throws {
        let tax = try TaxCalculation.tax(on: .eur(amount), basisPoints: basisPoints, pricesIncludeTax: inclusive)
        #expect(tax == .eur(expected))
    }

    @Test("an order discount is spread over the lines by largest remainder and taxed per line")
    func orderDiscount() throws {
        let priced = try CartPricing.price(
            PricingInput(
                currency: .eur, lines: [.fixture(1, price: 1000), .fixture(2, price: 2000)], destinationCountry: "DE",
                taxRates: TaxRate.europe, pricesIncludeTax: false,
                adjusters: [
                    FixedAdjuster(
                        PriceAdjustment(sourceID: "cpn_10", label: "Save 1 €", target: .order, amount: .eur(100)))
                ]))
        #expect(priced.lines.map(\.discount) == [.eur(33), .eur(67)])
        #expect(
            priced.lines[0].adjustments == [AppliedAdjustment(sourceID: "cpn_10", label: "Save 1 €", amount: .eur(33))])
        #expect(priced.lines.map(\.tax) == [.eur(184), .eur(367)])  // 967 × 19 % = 183.73; 1933 × 19 % = 367.27
        #expect(priced.totals.discount == .eur(100))
        #expect(priced.totals.grandTotal == .eur(967 + 184 + 1933 + 367))
    }

    @Test("discounts are capped: no line and no shipping goes below zero")
    func capped() throws {
        let priced = try CartPricing.price(
            PricingInput(
                currency: .eur, lines: [.fixture(1, price: 500), .fixture(2, price: 300)], destinationCountry: "DE",
                shipping: .fixture(490), taxRates: TaxRate.europe, pricesIncludeTax: true,
                adjusters: [
                    FixedAdjuster(
                        PriceAdjustment(sourceID: "a", label: "Line", target: .line(.number(1)), amount: .eur(800)),
                        PriceAdjustment(sourceID: "b", label: "Order", target: .order, amount: .eur(1000)),
                        PriceAdjustment(sourceID: "c", label: "Free shipping", target: .shipping, amount: .eur(9999)))
                ]))
        #expect(priced.lines.map(\.discount) == [.eur(500), .eur(300)])
        #expect(priced.lines.map(\.total) == [.eur(0), .eur(0)])
        #expect(priced.shipping?.discount == .eur(490))
        #expect(priced.totals.grandTotal == .eur(0))
        #expect(priced.adjustments.map(\.applied) == [.eur(500), .eur(300), .eur(490)])
        #expect(priced.adjustments.map(\.requested) == [.eur(800), .eur(1000), .eur(9999)])
    }

    @Test("adjusters see undiscounted subtotals and run in order")
    func adjusterOrder() throws {
        let priced = try CartPricing.price(
            PricingInput(
                currency: .eur, lines: [.fixture(1, price: 1000, quantity: 3)], destinationCountry: "DE",
                taxRates: TaxRate.europe, pricesIncludeTax: true,
                adjusters: [
                    PercentOffLines(percent: 10),
                    FixedAdjuster(PriceAdjustment(sourceID: "x", label: "5 €", target: .order, amount: .eur(500))),
                ]))
        #expect(priced.lines[0].adjustments.map(\.amount) == [.eur(300), .eur(500)])
        #expect(priced.lines[0].total == .eur(2200))
    }

    @Test("a zero rate is a rate; an empty cart prices to zero without looking up any")
    func zeroAndEmpty() throws {
        let books = try CartPricing.price(
            PricingInput(
                currency: .eur, lines: [.fixture(1, price: 1500, taxClass: "zero")], destinationCountry: "DE",
                taxRates: TaxRate.europe, pricesIncludeTax: false))
        #expect(books.totals.tax == .eur(0))
        #expect(books.totals.grandTotal == .eur(1500))
        let empty = try CartPricing.price(
            PricingInput(currency: .eur, lines: [], taxRates: [], pricesIncludeTax: false))
        #expect(empty.totals.grandTotal == .eur(0))
        #expect(empty.lines.isEmpty)
    }

    @Test("weight is summed over the lines that have one")
    func weight() throws {
        let priced = try CartPricing.price(
            PricingInput(
                currency: .eur, lines: [.fixture(1, price: 10, quantity: 3, weight: 250), .fixture(2, price: 10)],
                destinationCountry: "DE", taxRates: TaxRate.europe, pricesIncludeTax: true))
        #expect(priced.weightGrams == 750)
    }

    // MARK: Refusals

    @Test("a missing rate is an error naming country and class, never 0 %")
    func missingRate() {
        #expect(throws: CheckoutError.taxRateMissing(country: "SE", taxClass: "reduced")) {
            try CartPricing.price(
                PricingInput(
                    currency: .eur, lines: [.fixture(1, price: 100, taxClass: "reduced")], destinationCountry: "SE",
                    taxRates: TaxRate.europe, pricesIncludeTax: true))
        }
        #expect(throws: CheckoutError.taxRateMissing(country: nil, taxClass: "standard")) {
            try CartPricing.price(
                PricingInput(
                    currency: .eur, lines: [.fixture(1, price: 100)], taxRates: TaxRate.europe, pricesIncludeTax: true))
        }
        // The shipping class needs a rate too.
        #expect(throws: CheckoutError.taxRateMissing(country: "DE", taxClass: "freight")) {
            try CartPricing.price(
                PricingInput(
                    currency: .eur, lines: [.fixture(1, price: 100)], destinationCountry: "DE", shipping: .fixture(5),
                    taxRates: TaxRate.europe, pricesIncludeTax: true, shippingTaxClass: "freight"))
        }
    }

    @Test("amounts in another currency are refused wherever they appear")
    func currencyMismatch() {
        let mismatch = CheckoutError.currencyMismatch(expected: .eur, found: .sek)
        #expect(throws: mismatch) {
            try CartPricing.price(
                PricingInput(
                    currency: .eur, lines: [.fixture(1, price: 100, currency: .sek)], destinationCountry: "DE",
                    taxRates: TaxRate.europe, pricesIncludeTax: true))
        }
        #expect(throws: mismatch) {
            try CartPricing.price(
                PricingInput(
                    currency: .eur, lines: [.fixture(1, price: 100)], destinationCountry: "DE",
                    shipping: .fixture(5, currency: .sek), taxRates: TaxRate.europe, pricesIncludeTax: true))
        }
        #expect(throws: mismatch) {
            try CartPricing.price(
                PricingInput(
                    currency: .eur, lines: [.fixture(1, price: 100)], destinationCountry: "DE",
                    taxRates: TaxRate.europe,
                    pricesIncludeTax: true,
                    adjusters: [
                        FixedAdjuster(
                            PriceAdjustment(
                                sourceID: "x", label: "x", target: .order,
                                amount: Money(minorUnits: 1, currency: .sek)))
                    ]))
        }
    }

    @Test("adjustments that cannot apply are refused: negative amounts, unknown lines")
    func badAdjustments() {
        for (adjustment, reason) in [
            (PriceAdjustment(sourceID: "neg", label: "", target: .order, amount: .eur(-1)), "negative"),
            (PriceAdjustment(sourceID: "ghost", label: "", target: .line(.number(9)), amount: .eur(1)), "unknown line"),
        ] {
            #expect(throws: CheckoutError.self, "\(reason)") {
                try CartPricing.price(
                    PricingInput(
                        currency: .eur, lines: [.fixture(1, price: 100)], destinationCountry: "DE",
                        taxRates: TaxRate.europe, pricesIncludeTax: true, adjusters: [FixedAdjuster(adjustment)]))
            }
        }
    }

    @Test("lines with a negative price, no quantity or a repeated ID are refused with a pointer")
    func badLines() throws {
        let cases: [([PricingLine], String)] = [
            ([.fixture(1, price: -1)], "/lines/0/unit_price"),
            ([.fixture(1, price: 1, quantity: 0)], "/lines/0/quantity"),
            ([.fixture(1, price: 1), .fixture(1, price: 2)], "/lines/1/line_id"),
        ]
        for (lines, pointer) in cases {
            do {
                _ = try CartPricing.price(
                    PricingInput(
                        currency: .eur, lines: lines, destinationCountry: "DE", taxRates: TaxRate.europe,
                        pricesIncludeTax: true))
                Issue.record("expected a refusal at \(pointer)")
            } catch {
                #expect(error.code == "invalid_pricing_input")
                #expect(error.fieldErrors.map(\.pointer) == [pointer])
            }
        }
    }

    @Test("a total beyond 64 bits is refused, not wrapped")
    func overflow() {
        #expect(throws: CheckoutError.amountOverflow) {
            try CartPricing.price(
                PricingInput(
                    currency: .eur, lines: [.fixture(1, price: Int64.max / 2, quantity: 3)], destinationCountry: "DE",
                    taxRates: TaxRate.europe, pricesIncludeTax: true))
        }
    }
}
