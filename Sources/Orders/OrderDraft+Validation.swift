import Foundation
import TorvCore

extension OrderDraft {
    /// Checks the draft and reports every problem at once, each at its JSON pointer: required fields,
    /// one currency throughout, quantities of at least one, and totals that add up to the minor unit
    /// (`Σ line totals + shipping == grandTotal`).
    func validate() throws(ValidationError) {
        var validator = Validator()
        validator.requireText(checkoutKey, at: "/checkout_key", maximum: 200)
        validator.requireText(channel, at: "/channel", maximum: 50)
        validator.requireText(paymentMethod, at: "/payment_method", maximum: 100)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.count > 320
            || email.contains(where: \.isWhitespace)
        {
            validator.add(OrdersError.invalidEmail, at: "/email")
        }
        if lines.isEmpty { validator.add(OrdersError.linesRequired, at: "/lines") }
        for (index, line) in lines.enumerated() {
            line.validate(currency: currency, into: &validator, at: FieldError.pointer("lines", String(index)))
        }
        validateDelivery(into: &validator)
        validateSubOrders(into: &validator)
        validateTotals(into: &validator)
        try validator.finish()
    }

    private func validateDelivery(into validator: inout Validator) {
        switch delivery {
        case .shipping(let methodID, let name, _, let amount, let tax, _):
            validator.requireText(methodID, at: "/delivery/method_id", maximum: 200)
            validator.requireText(name, at: "/delivery/name", maximum: 200)
            validator.checkAmount(amount, currency: currency, at: "/delivery/amount")
            validator.checkAmount(tax, currency: currency, at: "/delivery/tax")
            if let shippingAddress {
                shippingAddress.validate(into: &validator, at: "/shipping_address")
            } else {
                validator.add(OrdersError.required, at: "/shipping_address")
            }
        case .pickup(let locationID, let name):
            validator.requireText(locationID, at: "/delivery/location_id", maximum: 200)
            validator.requireText(name, at: "/delivery/name", maximum: 200)
            shippingAddress?.validate(into: &validator, at: "/shipping_address")
        }
        billingAddress?.validate(into: &validator, at: "/billing_address")
    }

    /// Every seller's line is in its seller's one sub-order, the shop's lines in none, and each sub-order's
    /// amounts add up: what the seller is owed is exactly goods + shipping − fee.
    private func validateSubOrders(into validator: inout Validator) {
        var owner: [Int: String] = [:]
        for (index, part) in subOrders.enumerated() {
            let pointer = FieldError.pointer("sub_orders", String(index))
            for position in part.linePositions {
                guard lines.indices.contains(position), lines[position].sellerID == part.sellerID,
                    owner.updateValue(part.sellerID, forKey: position) == nil
                else {
                    validator.add(OrdersError.unknownLinePosition, at: pointer + "/line_positions")
                    continue
                }
            }
            let amounts = [part.goods, part.shipping, part.shippingTax, part.fee, part.sellerNet]
            let expected = try? part.goods.adding(part.shipping).subtracting(part.fee)
            if !amounts.allSatisfy({ $0.currency == currency }) || expected != part.sellerNet || part.fee.isNegative
                || part.goods.isNegative || part.shipping.isNegative
            {
                validator.add(OrdersError.totalsMismatch(expected: expected ?? part.sellerNet), at: pointer)
            }
        }
        if Set(subOrders.map(\.sellerID)).count != subOrders.count
            || lines.indices.contains(where: { (lines[$0].sellerID != nil) != (owner[$0] != nil) })
        {
            validator.add(OrdersError.unknownLinePosition, at: "/sub_orders")
        }
    }

    private func validateTotals(into validator: inout Validator) {
        let pointers = [
            (totals.subtotal, "/totals/subtotal"), (totals.discount, "/totals/discount"),
            (totals.shipping, "/totals/shipping"), (totals.tax, "/totals/tax"),
            (totals.grandTotal, "/totals/grand_total"),
        ]
        var consistent = true
        for (amount, pointer) in pointers {
            consistent = validator.checkAmount(amount, currency: currency, at: pointer) && consistent
        }
        guard consistent, lines.allSatisfy({ $0.hasCurrency(currency) }),
            delivery.amount(in: currency).currency == currency, delivery.tax(in: currency).currency == currency
        else { return }
        func sum(_ values: [Money]) -> Money? { try? Money.sum(values, currency: currency) }
        // The shop's delivery plus what each marketplace seller charges for theirs.
        guard let shipping = sum([delivery.amount(in: currency)] + subOrders.map(\.shipping)) else {
            validator.add(MoneyError.overflow, at: "/totals/shipping")
            return
        }
        let expectations: [(Money?, Money, String, (Money) -> OrdersError)] = [
            (sum(lines.map(\.subtotal)), totals.subtotal, "/totals/subtotal", { .subtotalMismatch(expected: $0) }),
            (sum(lines.map(\.discount)), totals.discount, "/totals/discount", { .discountMismatch(expected: $0) }),
            (shipping, totals.shipping, "/totals/shipping", { .totalsMismatch(expected: $0) }),
            (
                sum(lines.map(\.tax) + [delivery.tax(in: currency)] + subOrders.map(\.shippingTax)), totals.tax,
                "/totals/tax",
                { .totalsMismatch(expected: $0) }
            ),
            (
                sum(lines.map(\.total) + [totals.shipping]), totals.grandTotal, "/totals/grand_total",
                { .totalsMismatch(expected: $0) }
            ),
        ]
        for (expected, actual, pointer, error) in expectations {
            guard let expected else {
                validator.add(MoneyError.overflow, at: pointer)
                continue
            }
            if expected != actual { validator.add(error(expected), at: pointer) }
        }
        if let giftCards = giftCardTotal,
            validator.checkAmount(giftCards, currency: currency, at: "/gift_card_total"),
            giftCards.amount > totals.grandTotal.amount
        {
            validator.add(OrdersError.totalsMismatch(expected: totals.grandTotal), at: "/gift_card_total")
        }
    }
}

extension OrderLineDraft {
    func hasCurrency(_ currency: Currency) -> Bool {
        ([unitPrice, subtotal, discount, tax, total] + adjustments.map(\.amount)).allSatisfy { $0.currency == currency }
    }

    func validate(currency: Currency, into validator: inout Validator, at pointer: String) {
        validator.requireText(variantID, at: pointer + "/variant_id", maximum: 200)
        validator.requireText(productID, at: pointer + "/product_id", maximum: 200)
        validator.requireText(sku, at: pointer + "/sku", maximum: 200)
        validator.requireText(productTitle, at: pointer + "/product_title", maximum: 500)
        if variantTitle.count > 500 { validator.add(OrdersError.tooLong(maximum: 500), at: pointer + "/variant_title") }
        if quantity < 1 {
            validator.add(OrdersError.quantityMustBePositive, at: pointer + "/quantity")
        } else if quantity > Orders.maximumQuantity {
            validator.add(OrdersError.quantityTooLarge(maximum: Orders.maximumQuantity), at: pointer + "/quantity")
        }
        if !(0...10_000).contains(taxRate) { validator.add(OrdersError.invalidTaxRate, at: pointer + "/tax_rate") }
        var consistent = true
        for (amount, field) in [
            (unitPrice, "unit_price"), (subtotal, "subtotal"), (discount, "discount"), (tax, "tax"), (total, "total"),
        ] {
            consistent = validator.checkAmount(amount, currency: currency, at: pointer + "/" + field) && consistent
        }
        for (index, adjustment) in adjustments.enumerated() {
            let at = pointer + FieldError.pointer("adjustments", String(index))
            validator.requireText(adjustment.source, at: at + "/source", maximum: 100)
            validator.requireText(adjustment.label, at: at + "/label", maximum: 200)
            consistent = validator.checkAmount(adjustment.amount, currency: currency, at: at + "/amount") && consistent
        }
        guard consistent, quantity >= 1 else { return }
        if let expected = try? unitPrice.multiplied(by: Int64(quantity)), expected != subtotal {
            validator.add(OrdersError.subtotalMismatch(expected: expected), at: pointer + "/subtotal")
        }
        if !adjustments.isEmpty, let expected = try? Money.sum(adjustments.map(\.amount), currency: currency),
            expected != discount
        {
            validator.add(OrdersError.discountMismatch(expected: expected), at: pointer + "/discount")
        }
        // Prices with tax included (EU retail) total subtotal − discount; prices without tax add it.
        let net = try? subtotal.subtracting(discount)
        let gross = try? net?.adding(tax)
        if total != net && total != gross {
            validator.add(OrdersError.lineTotalMismatch, at: pointer + "/total")
        }
    }
}

extension OrderAddress {
    func validate(into validator: inout Validator, at pointer: String) {
        validator.requireText(name, at: pointer + "/name", maximum: 200)
        validator.requireText(line1, at: pointer + "/line1", maximum: 200)
        validator.requireText(city, at: pointer + "/city", maximum: 200)
        validator.requireText(postalCode, at: pointer + "/postal_code", maximum: 20)
        if countryCode.count != 2 || !countryCode.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            validator.add(OrdersError.invalidCountryCode, at: pointer + "/country_code")
        }
    }
}

extension Validator {
    mutating func requireText(_ text: String, at pointer: String, maximum: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(OrdersError.required, at: pointer)
        } else if text.count > maximum {
            add(OrdersError.tooLong(maximum: maximum), at: pointer)
        }
    }

    /// Records a wrong currency or a negative amount; returns whether the amount is usable in sums.
    @discardableResult
    mutating func checkAmount(_ amount: Money, currency: Currency, at pointer: String) -> Bool {
        if amount.currency != currency {
            add(OrdersError.currencyMismatch(expected: currency), at: pointer)
            return false
        }
        if amount.isNegative {
            add(OrdersError.amountMustNotBeNegative, at: pointer)
            return false
        }
        return true
    }
}
