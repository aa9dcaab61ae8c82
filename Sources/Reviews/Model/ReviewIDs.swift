public import TorvCore

public enum ReviewPrefix: IDPrefix { public static let prefix = "rev" }
/// A buyer's review of what they bought.
public typealias ReviewID = TypedID<ReviewPrefix>

public enum SellerReviewPrefix: IDPrefix { public static let prefix = "srev" }
/// A buyer's review of the seller of a delivered sub-order.
public typealias SellerReviewID = TypedID<SellerReviewPrefix>

public enum BuyerRatingPrefix: IDPrefix { public static let prefix = "brat" }
/// A private seller's rating of the buyer of a delivered sub-order.
public typealias BuyerRatingID = TypedID<BuyerRatingPrefix>
