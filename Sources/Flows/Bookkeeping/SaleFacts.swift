public import Orders
public import TorvCore

/// The facts of a sale and of a refund, read from the order's snapshot (its lines, taxes and totals
/// never change after placement, so the same order always books the same way — also when the
/// ledger is rebuilt years later).
public enum SaleFacts {
    /// Goods per VAT rate before discount, the discount, shipping and VAT, all tax excluded, and the gross.
    ///
    /// Marketplace sellers' parts (`subOrders`) are not the shop's sales: the platform collects their money
    /// as the sellers' agent, so it owes each seller their goods and shipping less its fee, and earns the fee.
    /// Their VAT is the seller's to declare.
    public static func sale(of order: Order, subOrders: [SubOrder] = []) throws -> PostingFacts {
        var facts = PostingFacts(currency: order.currency)
        // The order's payment takes the gross less what gift cards paid.
        facts.add(.gross, order.totals.grandTotal.amount - order.giftCardTotal.amount)
        facts.add(.giftCard, order.giftCardTotal.amount)
        var linesGross: Int64 = 0
        for part in subOrders {
            facts.add(.sellerPayable, part.sellerNet.amount)
            facts.add(.platformFee, part.fee.amount)
            linesGross += part.shipping.amount
        }
        for line in order.lines {
            if line.sellerID != nil {
                linesGross += line.total.amount
                continue
            }
            let net = line.total.amount - line.tax.amount
            let discountNet = try discountExcludingTax(line)
            facts.add(.salesNet, net + discountNet, vatRate: line.taxRate)
            facts.add(.discountNet, discountNet, vatRate: line.taxRate)
            facts.add(.vat, line.tax.amount, vatRate: line.taxRate)
            linesGross += line.total.amount
        }
        let shippingGross = order.totals.grandTotal.amount - linesGross
        let shippingTax = order.delivery.tax(in: order.currency).amount
        if shippingGross != 0 || shippingTax != 0 {
            let rate =
                try order.delivery.taxRate
                ?? shippingRate(
                    gross: shippingGross, tax: shippingTax, candidates: Set(order.lines.map(\.taxRate)), order.currency)
            facts.add(.shippingNet, shippingGross - shippingTax, vatRate: rate)
            facts.add(.vat, shippingTax, vatRate: rate)
        }
        return facts
    }

    /// A refund of `amount`, after `earlier` was already refunded on the same payment, spread over the
    /// order's VAT rates in proportion to what was sold at each rate (goods and shipping).
    ///
    /// Each refund books the difference between "VAT in everything refunded so far" after and before
    /// it, in proportion to the VAT actually charged per rate. So however a refund is split, the VAT
    /// given back never exceeds the VAT charged, and a full refund returns exactly the VAT charged —
    /// to the cent, per rate — instead of drifting by a rounding per partial refund.
    public static func refund(
        _ amount: Money, after earlier: Money, of order: Order, subOrders: [SubOrder] = [],
        sellersReturned: [SellerReturnShare] = []
    ) throws -> PostingFacts {
        var facts = PostingFacts(currency: order.currency)
        facts.add(.gross, amount.amount)
        // A return of sellers' items: their refund comes back from what the platform owes them and from its fee.
        if !sellersReturned.isEmpty {
            let returned = sellersReturned.reduce(Int64(0)) { $0 + $1.refund.amount }
            let fee = sellersReturned.reduce(Int64(0)) { $0 + $1.fee.amount }
            let sellersPart = min(returned, amount.amount)
            facts.add(.platformFee, min(fee, sellersPart))
            facts.add(.sellerPayable, sellersPart - min(fee, sellersPart))
            let shopAmount = amount.amount - sellersPart
            guard shopAmount > 0 else { return facts }
            let rest = try refund(
                Money(minorUnits: shopAmount, currency: order.currency), after: earlier, of: order,
                subOrders: subOrders)
            for (fact, byRate) in rest.amounts where fact != .gross {
                for (rate, value) in byRate { facts.add(fact, value, vatRate: rate) }
            }
            return facts
        }
        // Money refunded for cancelled sellers' parts is theirs, not the shop's: it comes back from what the
        // platform owed them and from its fee. Refunds count toward those parts first, cumulatively, so a
        // refund split in several payments books each part once.
        let cancelled = subOrders.filter { $0.status == .cancelled }
        let owed = cancelled.reduce(Int64(0)) { $0 + $1.goods.amount + $1.shipping.amount }
        let fees = Money(minorUnits: cancelled.reduce(Int64(0)) { $0 + $1.fee.amount }, currency: order.currency)
        let sellersBefore = min(earlier.amount, owed)
        let sellersPart = min(earlier.amount + amount.amount, owed) - sellersBefore
        if sellersPart > 0 {
            let feeBefore = try fees.scaled(by: sellersBefore, over: owed)
            let feeAfter = try fees.scaled(by: sellersBefore + sellersPart, over: owed)
            let fee = feeAfter.amount - feeBefore.amount
            facts.add(.platformFee, fee)
            facts.add(.sellerPayable, sellersPart - fee)
        }
        let shopAmount = amount.amount - sellersPart
        guard shopAmount > 0 else { return facts }
        let amount = Money(minorUnits: shopAmount, currency: order.currency)
        let earlier = Money(minorUnits: max(0, earlier.amount - owed), currency: order.currency)
        let sale = try sale(of: order, subOrders: subOrders)
        var grossByRate: [Int: Int64] = [:]
        var vatByRate: [Int: Int64] = [:]
        for fact in [PostingFact.salesNet, .shippingNet, .vat] {
            for (rate, value) in sale.amounts[fact] ?? [:] { grossByRate[rate ?? 0, default: 0] += value }
        }
        for (rate, value) in sale.amounts[.discountNet] ?? [:] { grossByRate[rate ?? 0, default: 0] -= value }
        for (rate, value) in sale.amounts[.vat] ?? [:] { vatByRate[rate ?? 0, default: 0] += value }
        let rates = grossByRate.keys.sorted().filter { grossByRate[$0, default: 0] > 0 }
        guard !rates.isEmpty else {
            facts.add(.refundNet, amount.amount, vatRate: 0)
            return facts
        }
        let weights = rates.map { grossByRate[$0, default: 0] }
        let before = try earlier.allocated(weights)
        let after = try (earlier.adding(amount)).allocated(weights)
        for (index, rate) in rates.enumerated() {
            let gross = weights[index]
            let charged = Money(minorUnits: vatByRate[rate, default: 0], currency: order.currency)
            let vatBefore = try charged.scaled(by: min(before[index].amount, gross), over: gross)
            let vatAfter = try charged.scaled(by: min(after[index].amount, gross), over: gross)
            let part = after[index].amount - before[index].amount
            let vat = vatAfter.amount - vatBefore.amount
            facts.add(.refundNet, part - vat, vatRate: rate)
            facts.add(.refundVAT, vat, vatRate: rate)
        }
        return facts
    }

    /// The discount without its VAT. Lines priced tax-inclusive carry a gross discount (their total is
    /// subtotal − discount); tax-exclusive lines a net one (their total adds the tax).
    static func discountExcludingTax(_ line: OrderLine) throws -> Int64 {
        guard line.discount.isPositive, line.tax.amount != 0,
            line.total.amount == line.subtotal.amount - line.discount.amount
        else { return line.discount.amount }
        let rate = Int64(line.taxRate)
        return line.discount.amount - (try line.discount.scaled(by: rate, over: 10_000 + rate)).amount
    }

    /// For orders placed before shipping's rate was recorded: the goods' rate whose tax on the gross
    /// gives exactly the tax charged, else the rate the two amounts imply, to the basis point.
    static func shippingRate(gross: Int64, tax: Int64, candidates: Set<Int>, _ currency: Currency) throws -> Int {
        guard tax != 0 else { return 0 }
        let money = Money(minorUnits: gross, currency: currency)
        for rate in candidates.sorted(by: >) where rate > 0 {
            if try money.scaled(by: Int64(rate), over: 10_000 + Int64(rate)).amount == tax { return rate }
        }
        let net = gross - tax
        guard net != 0 else { return 0 }
        return Int((tax * 10_000 + net / 2) / net)
    }
}
