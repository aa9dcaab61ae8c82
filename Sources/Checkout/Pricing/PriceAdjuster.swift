public import TorvCore

/// The promotions hook: something that looks at a cart before discounts and proposes reductions.
///
/// Adjusters are pure and see only the draft; the pipeline caps what they propose, so a buggy or greedy
/// promotion can never push a line or the shipping below zero.
public protocol PriceAdjuster: Sendable {
    func adjustments(for draft: PricingDraft) -> [PriceAdjustment]
}

/// What a discount applies to.
public enum AdjustmentTarget: Sendable, Hashable, Codable {
    case line(CartLineID)
    case shipping
    /// The merchandise as a whole: spread over the lines in proportion to what is left of each.
    case order
}

/// A proposed reduction: `amount` (not negative) off `target`, on behalf of `sourceID` (a promotion
/// or coupon ID) and shown to the shopper as `label`.
public struct PriceAdjustment: Sendable, Hashable, Codable {
    public var sourceID: String
    public var label: String
    public var target: AdjustmentTarget
    public var amount: Money

    public init(sourceID: String, label: String, target: AdjustmentTarget, amount: Money) {
        self.sourceID = sourceID
        self.label = label
        self.target = target
        self.amount = amount
    }
}

/// The cart as adjusters see it: prices before any discount.
public struct PricingDraft: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public let lineID: CartLineID
        public let variantID: String
        public let sku: String
        public let unitPrice: Money
        public let quantity: Int
        /// `unitPrice × quantity`.
        public let subtotal: Money
        public let taxClass: String
        /// A marketplace seller's line: shown to adjusters, but no shop discount lands on it.
        public var sellerID: String? = nil
    }

    public let currency: Currency
    public let lines: [Line]
    /// The sum of the line subtotals.
    public let subtotal: Money
    public let shipping: ShippingOption?
    public let destinationCountry: String?
    public let pricesIncludeTax: Bool
}
