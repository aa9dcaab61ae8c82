public import Foundation
public import TorvCore

/// A verified buyer's review of a marketplace seller, written about one delivered sub-order. Moderated like
/// product reviews; once published the seller may answer it once, and the answer is shown with it.
public struct SellerReview: Sendable, Hashable, Codable {
    public let id: SellerReviewID
    /// Sellers' seller (`sel_…`) reviewed.
    public let sellerID: String
    /// The sub-order (`sord_…`) and its order (`ord_…`) that make it a verified purchase; one review each.
    public let subOrderID: String
    public let orderID: String
    /// Identity's customer who wrote it; never shown, only `authorName`.
    public let customerID: String
    /// What shoppers see as the author: first name and initial.
    public let authorName: String
    /// 1 to 5 stars.
    public let rating: Int
    public let body: String
    /// Photos by https address, at most five.
    public let photoURLs: [String]
    public var status: ReviewStatus
    /// Why moderation rejected it; shown to the author.
    public var rejectionReason: String?
    /// The seller's public answer, once.
    public var reply: String?
    public var repliedAt: Date?
    public let createdAt: Date
    public var moderatedAt: Date?

    public init(
        id: SellerReviewID, sellerID: String, subOrderID: String, orderID: String, customerID: String,
        authorName: String, rating: Int, body: String, photoURLs: [String], status: ReviewStatus,
        rejectionReason: String?, reply: String?, repliedAt: Date?, createdAt: Date, moderatedAt: Date?
    ) {
        self.id = id
        self.sellerID = sellerID
        self.subOrderID = subOrderID
        self.orderID = orderID
        self.customerID = customerID
        self.authorName = authorName
        self.rating = rating
        self.body = body
        self.photoURLs = photoURLs
        self.status = status
        self.rejectionReason = rejectionReason
        self.reply = reply
        self.repliedAt = repliedAt
        self.createdAt = createdAt
        self.moderatedAt = moderatedAt
    }
}

/// What a buyer writes about a seller; the seller, sub-order and author come from the delivered sub-order.
public struct SellerReviewDraft: Sendable, Hashable {
    public var rating: Int
    public var body: String
    public var photoURLs: [String]

    public init(rating: Int, body: String, photoURLs: [String] = []) {
        self.rating = rating
        self.body = body
        self.photoURLs = photoURLs
    }
}

/// The delivered sub-order a seller review is about, established by a flow from the buyer's own order.
public struct SellerPurchase: Sendable, Hashable {
    public var sellerID: String
    public var subOrderID: String
    public var orderID: String
    public var customerID: String
    public var authorName: String

    public init(sellerID: String, subOrderID: String, orderID: String, customerID: String, authorName: String) {
        self.sellerID = sellerID
        self.subOrderID = subOrderID
        self.orderID = orderID
        self.customerID = customerID
        self.authorName = authorName
    }
}
