public import TorvCore

/// A review passed moderation and is shown (`review.published`): ratings and sentiment follow it.
public struct ReviewPublished: DomainEvent, Hashable {
    public static let eventType = "review.published"
    public let reviewID: ReviewID
    public let productID: String
    public let rating: Int
}
