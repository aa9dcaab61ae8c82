public import TorvCore

/// A marketplace seller's shipping charge for their part of an order, as Flows computed it from the
/// seller's terms. Checkout taxes it and adds it to the total; it knows nothing else of sellers.
public struct SellerShippingCharge: Sendable, Hashable, Codable {
    public var sellerID: String
    public var amount: Money

    public init(sellerID: String, amount: Money) {
        self.sellerID = sellerID
        self.amount = amount
    }
}

/// A seller's shipping charge after tax.
public struct PricedSellerShipping: Sendable, Hashable, Codable {
    public var sellerID: String
    public var amount: Money
    public var taxRateBasisPoints: Int
    public var tax: Money
    /// What the buyer pays for it: `amount`, plus `tax` when prices exclude tax.
    public var total: Money
}
