public import Foundation
public import TorvCore

/// A private seller's rating of the buyer of one delivered sub-order (C2C trades rate both ways). Sellers see
/// only a buyer's summary, never who rated or what other sellers wrote.
public struct BuyerRating: Sendable, Hashable, Codable {
    public let id: BuyerRatingID
    public let subOrderID: String
    public let sellerID: String
    /// Identity's customer rated.
    public let customerID: String
    /// 1 to 5 stars.
    public let rating: Int
    public let body: String
    public let createdAt: Date

    public init(
        id: BuyerRatingID, subOrderID: String, sellerID: String, customerID: String, rating: Int, body: String,
        createdAt: Date
    ) {
        self.id = id
        self.subOrderID = subOrderID
        self.sellerID = sellerID
        self.customerID = customerID
        self.rating = rating
        self.body = body
        self.createdAt = createdAt
    }
}

/// The delivered sub-order a buyer rating is about, established by a flow from the seller's own sub-order.
public struct RatedTrade: Sendable, Hashable {
    public var subOrderID: String
    public var sellerID: String
    public var customerID: String

    public init(subOrderID: String, sellerID: String, customerID: String) {
        self.subOrderID = subOrderID
        self.sellerID = sellerID
        self.customerID = customerID
    }
}
