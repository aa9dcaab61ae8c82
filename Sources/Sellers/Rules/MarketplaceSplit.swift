public import TorvCore

/// One paid line of a marketplace order, as the split sees it.
public struct SplitLine: Sendable, Hashable {
    public var lineID: String
    /// `nil` for the shop's own goods.
    public var sellerID: String?
    public var sellerPlan: String
    public var categoryPath: [String]
    public var quantity: Int
    /// What the buyer pays for the line after discounts, tax included.
    public var total: Money

    public init(
        lineID: String, sellerID: String?, sellerPlan: String = "standard", categoryPath: [String] = [],
        quantity: Int, total: Money
    ) {
        self.lineID = lineID
        self.sellerID = sellerID
        self.sellerPlan = sellerPlan
        self.categoryPath = categoryPath
        self.quantity = quantity
        self.total = total
    }
}

/// A seller's shipping charge per sub-order, free from a sub-order value.
public struct SellerShippingTerms: Sendable, Hashable {
    public var fee: Money?
    public var freeFrom: Money?

    public init(fee: Money?, freeFrom: Money?) {
        self.fee = fee
        self.freeFrom = freeFrom
    }
}

/// One seller's part of an order (or the shop's own part, `sellerID == nil`): its lines, what the buyer
/// pays for them and for their shipping, the platform's fee per line, and what the seller is owed.
public struct SubOrderPlan: Sendable, Hashable {
    public var sellerID: String?
    public var lineIDs: [String]
    public var goods: Money
    public var shipping: Money
    public var fees: [String: CommissionQuote]
    public var feeTotal: Money
    /// goods + shipping − fees: what the seller's balance is credited for this sub-order.
    public var sellerNet: Money
}

/// Splits a marketplace order into one sub-order per seller, with each seller's shipping and the
/// platform's fees.
///
/// Shipping: each seller charges their own fee per sub-order, waived once the sub-order's goods reach
/// their free-shipping value; a fee in another currency than the order is not charged (the seller's
/// terms cannot be honoured, so the buyer is not charged a guess). The shop's own part ships by the
/// shop's method, priced elsewhere: its shipping here is zero. Fees are charged on what the buyer paid
/// for each line (after discounts, tax included), never on shipping.
///
/// Invariant (property-tested): Σ seller nets + Σ fees + the shop's own goods == Σ line totals +
/// Σ sellers' shipping — every cent the buyer pays for marketplace goods is either the seller's or the
/// platform's.
public enum MarketplaceSplit {
    public static func plan(
        _ lines: [SplitLine], currency: Currency, shipping terms: [String: SellerShippingTerms],
        rules: [CommissionRule]
    ) throws(MoneyError) -> [SubOrderPlan] {
        var order: [String?] = []
        var grouped: [String?: [SplitLine]] = [:]
        for line in lines {
            guard line.total.currency == currency else {
                throw .currencyMismatch(currency, line.total.currency)
            }
            if grouped[line.sellerID] == nil { order.append(line.sellerID) }
            grouped[line.sellerID, default: []].append(line)
        }
        var plans: [SubOrderPlan] = []
        for sellerID in order {
            let group = grouped[sellerID] ?? []
            let goods = try Money.sum(group.map(\.total), currency: currency)
            var fees: [String: CommissionQuote] = [:]
            var shipping = Money.zero(currency)
            if let sellerID {
                for line in group {
                    let commission = CommissionLine(
                        sellerID: sellerID, sellerPlan: line.sellerPlan, categoryPath: line.categoryPath,
                        unitPrice: line.total, quantity: line.quantity)
                    fees[line.lineID] = try CommissionSchedule.quote(commission, paying: line.total, rules: rules)
                }
                shipping = terms[sellerID]?.charge(forGoods: goods) ?? .zero(currency)
            }
            let feeTotal = try Money.sum(fees.values.map(\.fee), currency: currency)
            let net = sellerID == nil ? Money.zero(currency) : try goods.adding(shipping).subtracting(feeTotal)
            plans.append(
                SubOrderPlan(
                    sellerID: sellerID, lineIDs: group.map(\.lineID), goods: goods, shipping: shipping, fees: fees,
                    feeTotal: feeTotal, sellerNet: net))
        }
        return plans
    }
}

extension SellerShippingTerms {
    /// What the seller charges to ship a sub-order whose goods come to `goods`: the fee, waived from the
    /// free-shipping value; a fee or threshold in another currency cannot be honoured and is not charged.
    public func charge(forGoods goods: Money) -> Money {
        guard let fee, fee.currency == goods.currency else { return .zero(goods.currency) }
        if let freeFrom, freeFrom.currency == goods.currency, goods.amount >= freeFrom.amount {
            return .zero(goods.currency)
        }
        return fee
    }
}
