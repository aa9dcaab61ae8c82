public import TorvCore

/// One seller's offer for a product, with what the buy box weighs: the landed price, how fast it ships, how
/// the seller is rated, and whether it can be sold at all.
public struct BuyBoxCandidate: Sendable, Hashable {
    public var offerID: String
    public var sellerID: String
    /// The unit price.
    public var price: Money
    /// The cheapest shipping for one unit to the buyer's default country.
    public var shipping: Money
    public var condition: OfferCondition
    /// Working days between the order and handing the parcel to the carrier.
    public var handlingDays: Int
    /// The seller's average rating × 100 (465 is 4.65 stars); `nil` when unrated.
    public var ratingAverage: Int?
    public var ratingCount: Int
    /// Units in stock.
    public var available: Int
    /// Approved and not on holiday.
    public var sellerActive: Bool

    public init(
        offerID: String,
        sellerID: String,
        price: Money,
        shipping: Money,
        condition: OfferCondition,
        handlingDays: Int,
        ratingAverage: Int?,
        ratingCount: Int,
        available: Int,
        sellerActive: Bool
    ) {
        self.offerID = offerID
        self.sellerID = sellerID
        self.price = price
        self.shipping = shipping
        self.condition = condition
        self.handlingDays = handlingDays
        self.ratingAverage = ratingAverage
        self.ratingCount = ratingCount
        self.available = available
        self.sellerActive = sellerActive
    }
}
