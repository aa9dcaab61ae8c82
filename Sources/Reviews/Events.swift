public import TorvCore

/// A review passed moderation and is shown (`review.published`): ratings and sentiment follow it.
public struct ReviewPublished: DomainEvent, Hashable {
    public static let eventType = "review.published"
    public let reviewID: ReviewID
    public let productID: String
    public let rating: Int
}

/// A review of a seller passed moderation and is shown (`seller_review.published`): the seller's rating,
/// buy box and scorecard follow it.
public struct SellerReviewPublished: DomainEvent, Hashable {
    public static let eventType = "seller_review.published"
    public let reviewID: SellerReviewID
    public let sellerID: String
    public let rating: Int
}

/// A private seller rated the buyer of a delivered sub-order (`buyer.rated`).
public struct BuyerRated: DomainEvent, Hashable {
    public static let eventType = "buyer.rated"
    public let ratingID: BuyerRatingID
    public let subOrderID: String
    public let rating: Int
}
