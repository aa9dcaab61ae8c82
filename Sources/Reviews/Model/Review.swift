public import Foundation

/// Where a review is in moderation. Only published reviews are shown and counted.
public enum ReviewStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, published, rejected
}

/// A verified buyer's review of a product, written about one order line they received.
public struct Review: Sendable, Hashable, Codable {
    public let id: ReviewID
    /// Catalog's product (`prod_…`) reviewed.
    public let productID: String
    /// The order and line (`ord_…`, `oline_…`) that make it a verified purchase; one review per line.
    public let orderID: String
    public let orderLineID: String
    /// Identity's customer who wrote it; never shown, only `authorName`.
    public let customerID: String
    /// What shoppers see as the author: first name and initial.
    public let authorName: String
    /// 1 to 5 stars.
    public let rating: Int
    public let title: String
    public let body: String
    /// Photos by https address, at most five.
    public let photoURLs: [String]
    public var status: ReviewStatus
    /// Why moderation rejected it; shown to the author.
    public var rejectionReason: String?
    public let createdAt: Date
    public var moderatedAt: Date?

    public init(
        id: ReviewID, productID: String, orderID: String, orderLineID: String, customerID: String, authorName: String,
        rating: Int, title: String, body: String, photoURLs: [String], status: ReviewStatus, rejectionReason: String?,
        createdAt: Date, moderatedAt: Date?
    ) {
        self.id = id
        self.productID = productID
        self.orderID = orderID
        self.orderLineID = orderLineID
        self.customerID = customerID
        self.authorName = authorName
        self.rating = rating
        self.title = title
        self.body = body
        self.photoURLs = photoURLs
        self.status = status
        self.rejectionReason = rejectionReason
        self.createdAt = createdAt
        self.moderatedAt = moderatedAt
    }
}

/// What a buyer writes; the product, order and author come from the verified order line.
public struct ReviewDraft: Sendable, Hashable {
    public var rating: Int
    public var title: String
    public var body: String
    public var photoURLs: [String]

    public init(rating: Int, title: String, body: String, photoURLs: [String] = []) {
        self.rating = rating
        self.title = title
        self.body = body
        self.photoURLs = photoURLs
    }
}

/// The verified purchase a review is about, established by a flow from the buyer's own order.
public struct VerifiedPurchase: Sendable, Hashable {
    public var productID: String
    public var orderID: String
    public var orderLineID: String
    public var customerID: String
    public var authorName: String

    public init(productID: String, orderID: String, orderLineID: String, customerID: String, authorName: String) {
        self.productID = productID
        self.orderID = orderID
        self.orderLineID = orderLineID
        self.customerID = customerID
        self.authorName = authorName
    }
}

/// A moderator's decision.
public enum ModerationDecision: Sendable, Hashable {
    case publish
    case reject(reason: String)
}
