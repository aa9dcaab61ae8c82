import TorvCore

/// Turns a cart into the exact amount that will be charged. Pure: no database, clock or randomness, so
/// the same input always prices the same, and the checkout can re-price right before charging.
///
/// Order of work: line subtotals (unit price × quantity) → adjustments, each capped at what is left of
/// its target, order-level ones spread over the lines by largest remainder → tax per line and on the
/// shipping, rounded once each, half to even → totals as plain sums of the parts. Because totals are
/// sums, `grandTotal == Σ line totals + shipping total` and `tax == Σ line taxes + shipping tax` hold by
/// construction, and nothing is rounded twice.
public enum CartPricing {
    public static func price(_ input: PricingInput) throws(CheckoutError) -> PricedCart {
        let currency = input.currency
        let draft = try draft(of: input)
        var ledger = AdjustmentLedger(draft: draft)
        for adjuster in input.adjusters {
            for adjustment in adjuster.adjustments(for: draft) {
                try ledger.apply(adjustment)
            }
        }

        var lineRates: [Int] = []
        if !input.lines.isEmpty {
            for line in input.lines {
                lineRates.append(
                    try input.taxRates.basisPoints(country: input.destinationCountry, taxClass: line.taxClass))
            }
        }
        var lines: [PricedLine] = []
        for (index, line) in input.lines.enumerated() {
            let subtotal = draft.lines[index].subtotal
            let discount = Money(minorUnits: subtotal.amount - ledger.remaining[index], currency: currency)
            let taxedLine = try taxed(
                ledger.remaining[index], basisPoints: lineRates[index], input.pricesIncludeTax, currency)
            lines.append(
                PricedLine(
                    lineID: line.lineID, variantID: line.variantID, sku: line.sku, title: line.title,
                    taxClass: line.taxClass, weightGrams: line.weightGrams, unitPrice: line.unitPrice,
                    quantity: line.quantity, subtotal: subtotal, adjustments: ledger.lineAdjustments[index],
                    discount: discount, taxRateBasisPoints: lineRates[index], tax: taxedLine.tax, total: taxedLine.total
                ))
        }

        var shipping: PricedShipping?
        if let option = input.shipping {
            let rate = try input.taxRates.basisPoints(
                country: input.destinationCountry, taxClass: input.shippingTaxClass)
            let taxedShipping = try taxed(
                ledger.shippingRemaining, basisPoints: rate, input.pricesIncludeTax, currency)
            shipping = PricedShipping(
                methodID: option.methodID, name: option.name, amount: option.price,
                adjustments: ledger.shippingAdjustments,
                discount: Money(minorUnits: option.price.amount - ledger.shippingRemaining, currency: currency),
                taxRateBasisPoints: rate, tax: taxedShipping.tax, total: taxedShipping.total)
        }

        var sellerShipping: [PricedSellerShipping] = []
        if !input.sellerShipping.isEmpty {
            let rate = try input.taxRates.basisPoints(
                country: input.destinationCountry, taxClass: input.shippingTaxClass)
            for charge in input.sellerShipping {
                let taxedCharge = try taxed(charge.amount.amount, basisPoints: rate, input.pricesIncludeTax, currency)
                sellerShipping.append(
                    PricedSellerShipping(
                        sellerID: charge.sellerID, amount: charge.amount, taxRateBasisPoints: rate,
                        tax: taxedCharge.tax, total: taxedCharge.total))
            }
        }
        let totals = try totals(lines: lines, shipping: shipping, sellerShipping: sellerShipping, currency: currency)
        let weight = try weightGrams(of: input.lines)
        var priced = PricedCart(
            currency: currency, pricesIncludeTax: input.pricesIncludeTax, destinationCountry: input.destinationCountry,
            lines: lines, shipping: shipping, adjustments: ledger.outcomes, totals: totals,
            taxBreakdown: try taxBreakdown(
                lines: lines, shipping: shipping, sellerShipping: sellerShipping, input.pricesIncludeTax, currency),
            weightGrams: weight)
        priced.sellerShipping = sellerShipping
        return priced
    }

    /// Checks the input and computes the undiscounted subtotals adjusters see (and explanations of them).
    public static func draft(of input: PricingInput) throws(CheckoutError) -> PricingDraft {
        let currency = input.currency
        var seen: Set<CartLineID> = []
        var lines: [PricingDraft.Line] = []
        for (index, line) in input.lines.enumerated() {
            let pointer = FieldError.pointer("lines", String(index))
            guard line.unitPrice.currency == currency else {
                throw .currencyMismatch(expected: currency, found: line.unitPrice.currency)
            }
            guard !line.unitPrice.isNegative else {
                throw .invalidPricingInput(pointer: pointer + "/unit_price", reason: "must not be negative")
            }
            guard line.quantity >= 1 else {
                throw .invalidPricingInput(pointer: pointer + "/quantity", reason: "must be at least 1")
            }
            guard seen.insert(line.lineID).inserted else {
                throw .invalidPricingInput(pointer: pointer + "/line_id", reason: "appears twice")
            }
            guard (line.weightGrams ?? 0) >= 0 else {
                throw .invalidPricingInput(pointer: pointer + "/weight_grams", reason: "must not be negative")
            }
            let subtotal = try checked { () throws(MoneyError) in
                try line.unitPrice.multiplied(by: Int64(line.quantity))
            }
            lines.append(
                PricingDraft.Line(
                    lineID: line.lineID, variantID: line.variantID, sku: line.sku, unitPrice: line.unitPrice,
                    quantity: line.quantity, subtotal: subtotal, taxClass: line.taxClass, sellerID: line.sellerID))
        }
        for (index, charge) in input.sellerShipping.enumerated() {
            guard charge.amount.currency == currency else {
                throw .currencyMismatch(expected: currency, found: charge.amount.currency)
            }
            guard !charge.amount.isNegative else {
                throw .invalidPricingInput(pointer: "/seller_shipping/\(index)/amount", reason: "must not be negative")
            }
        }
        if let shipping = input.shipping {
            guard shipping.price.currency == currency else {
                throw .currencyMismatch(expected: currency, found: shipping.price.currency)
            }
            guard !shipping.price.isNegative else {
                throw .invalidPricingInput(pointer: "/shipping/price", reason: "must not be negative")
            }
        }
        let subtotal = try checked { () throws(MoneyError) in try Money.sum(lines.map(\.subtotal), currency: currency) }
        return PricingDraft(
            currency: currency, lines: lines, subtotal: subtotal, shipping: input.shipping,
            destinationCountry: input.destinationCountry, pricesIncludeTax: input.pricesIncludeTax)
    }

    /// The parcel weight; refused rather than wrapped when absurd input would overflow.
    static func weightGrams(of lines: [PricingLine]) throws(CheckoutError) -> Int {
        var total = 0
        for line in lines {
            let (weight, overflowA) = (line.weightGrams ?? 0).multipliedReportingOverflow(by: line.quantity)
            let (sum, overflowB) = total.addingReportingOverflow(weight)
            guard !overflowA, !overflowB else {
                throw .invalidPricingInput(pointer: "/lines", reason: "the total weight is too large")
            }
            total = sum
        }
        return total
    }

    /// Tax on what is left after discounts, and what the shopper pays for it.
    static func taxed(
        _ amount: Int64, basisPoints: Int, _ pricesIncludeTax: Bool, _ currency: Currency
    ) throws(CheckoutError) -> (tax: Money, total: Money) {
        let base = Money(minorUnits: amount, currency: currency)
        let tax = try TaxCalculation.tax(on: base, basisPoints: basisPoints, pricesIncludeTax: pricesIncludeTax)
        if pricesIncludeTax { return (tax, base) }
        return (tax, try checked { () throws(MoneyError) in try base.adding(tax) })
    }

    static func taxBreakdown(
        lines: [PricedLine], shipping: PricedShipping?, sellerShipping: [PricedSellerShipping],
        _ pricesIncludeTax: Bool, _ currency: Currency
    ) throws(CheckoutError) -> [TaxSubtotal] {
        // (rate, amount after discounts, tax) for every taxed part of the cart.
        var parts = lines.map { ($0.taxRateBasisPoints, $0.subtotal.amount - $0.discount.amount, $0.tax.amount) }
        if let shipping {
            parts.append(
                (shipping.taxRateBasisPoints, shipping.amount.amount - shipping.discount.amount, shipping.tax.amount))
        }
        parts += sellerShipping.map { ($0.taxRateBasisPoints, $0.amount.amount, $0.tax.amount) }
        var byRate: [Int: (net: Int64, tax: Int64)] = [:]
        for (rate, amount, tax) in parts {
            let net = pricesIncludeTax ? amount - tax : amount
            let sum = byRate[rate, default: (0, 0)]
            let (newNet, overflowNet) = sum.net.addingReportingOverflow(net)
            let (newTax, overflowTax) = sum.tax.addingReportingOverflow(tax)
            guard !overflowNet, !overflowTax else { throw .amountOverflow }
            byRate[rate] = (newNet, newTax)
        }
        return byRate.sorted { $0.key < $1.key }.map { rate, sum in
            TaxSubtotal(
                basisPoints: rate, net: Money(minorUnits: sum.net, currency: currency),
                tax: Money(minorUnits: sum.tax, currency: currency))
        }
    }

    static func totals(
        lines: [PricedLine], shipping: PricedShipping?, sellerShipping: [PricedSellerShipping] = [],
        currency: Currency
    ) throws(CheckoutError) -> CartTotals {
        try checked { () throws(MoneyError) in
            let shippingParts = shipping.map { [$0] } ?? []
            return CartTotals(
                subtotal: try Money.sum(lines.map(\.subtotal), currency: currency),
                discount: try Money.sum(lines.map(\.discount) + shippingParts.map(\.discount), currency: currency),
                shipping: try Money.sum(
                    shippingParts.map(\.amount) + sellerShipping.map(\.amount), currency: currency),
                tax: try Money.sum(
                    lines.map(\.tax) + shippingParts.map(\.tax) + sellerShipping.map(\.tax), currency: currency),
                grandTotal: try Money.sum(
                    lines.map(\.total) + shippingParts.map(\.total) + sellerShipping.map(\.total), currency: currency))
        }
    }
}

/// Runs `body`, reporting Money's refusals as Checkout's.
func checked<T>(_ body: () throws(MoneyError) -> T) throws(CheckoutError) -> T {
    do {
        return try body()
    } catch {
        throw CheckoutError(error)
    }
}
