public import TorvCore

/// A discount as it landed on one line or on the shipping (an order-level discount lands on every line
/// in its share).
public struct AppliedAdjustment: Sendable, Hashable, Codable {
    public var sourceID: String
    public var label: String
    public var amount: Money

    public init(sourceID: String, label: String, amount: Money) {
        self.sourceID = sourceID
        self.label = label
        self.amount = amount
    }
}

/// One proposed adjustment and how much of it could be applied after capping.
public struct AdjustmentOutcome: Sendable, Hashable, Codable {
    public var sourceID: String
    public var label: String
    public var target: AdjustmentTarget
    public var requested: Money
    public var applied: Money
}

public struct PricedLine: Sendable, Hashable, Codable {
    public var lineID: CartLineID
    public var variantID: String
    public var sku: String
    public var title: String
    public var taxClass: String
    public var weightGrams: Int?
    public var unitPrice: Money
    public var quantity: Int
    /// `unitPrice × quantity`, before discounts.
    public var subtotal: Money
    public var adjustments: [AppliedAdjustment]
    /// The sum of `adjustments`; never more than `subtotal`.
    public var discount: Money
    public var taxRateBasisPoints: Int
    /// Contained in `total` when prices include tax, added to it otherwise.
    public var tax: Money
    /// What the shopper pays for this line: `subtotal − discount`, plus `tax` when prices exclude tax.
    public var total: Money
}

public struct PricedShipping: Sendable, Hashable, Codable {
    public var methodID: ShippingMethodID
    public var name: String
    public var amount: Money
    public var adjustments: [AppliedAdjustment]
    /// Never more than `amount`.
    public var discount: Money
    public var taxRateBasisPoints: Int
    public var tax: Money
    public var total: Money
}

public struct CartTotals: Sendable, Hashable, Codable {
    /// Line subtotals before discounts.
    public var subtotal: Money
    /// Line and shipping discounts.
    public var discount: Money
    /// Shipping before its discount.
    public var shipping: Money
    /// Line taxes plus shipping tax.
    public var tax: Money
    /// Exactly the line totals plus the shipping total: the amount to charge.
    public var grandTotal: Money

    public init(subtotal: Money, discount: Money, shipping: Money, tax: Money, grandTotal: Money) {
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.tax = tax
        self.grandTotal = grandTotal
    }
}

/// Tax grouped by rate, as an invoice lists it: the net amount taxed at the rate and the tax on it, both
/// sums of the per-line (and shipping) amounts, so the groups add up to the cart's totals exactly.
public struct TaxSubtotal: Sendable, Hashable, Codable {
    public var basisPoints: Int
    /// Amounts before tax at this rate, after discounts.
    public var net: Money
    public var tax: Money
}

/// The result of ``CartPricing/price(_:)``: every amount in the cart's currency.
public struct PricedCart: Sendable, Hashable, Codable {
    public var currency: Currency
    public var pricesIncludeTax: Bool
    public var destinationCountry: String?
    public var lines: [PricedLine]
    public var shipping: PricedShipping?
    /// Marketplace sellers' shipping charges, one per seller that charges one.
    public var sellerShipping: [PricedSellerShipping] = []
    public var adjustments: [AdjustmentOutcome]
    public var totals: CartTotals
    /// One entry per rate used, lowest rate first.
    public var taxBreakdown: [TaxSubtotal]
    /// The parcel weight from the lines that have one.
    public var weightGrams: Int
}
