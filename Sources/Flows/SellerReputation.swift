public import Identity
public import Orders
public import Persistence
public import Reviews
import SQLKit
public import Sellers
public import TorvCore

/// Why a buyer cannot review a seller, or a seller cannot rate a buyer.
public enum ReputationFlowError: DomainError, Hashable {
    /// Not a sub-order of the caller's own order (or of the seller's own sales): the same answer as for one
    /// that does not exist.
    case subOrderNotFound
    /// The sub-order has not reached the buyer yet.
    case notYetDelivered
    /// Only private sellers (C2C) rate their buyers; shops are rated, they do not rate.
    case notPrivateSeller
    /// The buyer checked out as a guest: there is no account to rate.
    case guestBuyer

    public var code: String {
        switch self {
        case .subOrderNotFound: "sub_order_not_found"
        case .notYetDelivered: "not_yet_delivered"
        case .notPrivateSeller: "not_private_seller"
        case .guestBuyer: "guest_buyer"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .subOrderNotFound: .notFound
        case .notYetDelivered, .guestBuyer: .unprocessable
        case .notPrivateSeller: .forbidden
        }
    }

    public var message: String {
        switch self {
        case .subOrderNotFound: "None of your orders has this part."
        case .notYetDelivered: "You can rate this once it has been delivered."
        case .notPrivateSeller: "Only private sellers rate their buyers."
        case .guestBuyer: "The buyer checked out as a guest and has no account to rate."
        }
    }
}

/// Reputation on the marketplace: buyers review the sellers of delivered sub-orders (moderated, answered once
/// by the seller), and private sellers rate their buyers, so both sides of a C2C trade know whom they deal with.
public enum SellerReputation {
    /// The buyer's review of the seller of one of their delivered sub-orders, pending moderation.
    public static func reviewSeller(
        _ draft: SellerReviewDraft, subOrderID: String, customerID: CustomerID, on platform: Platform
    ) async throws -> SellerReview {
        try await platform.database.inTransaction { db in
            guard let id = SubOrderID(subOrderID) else { throw ReputationFlowError.subOrderNotFound }
            let subOrder: SubOrder
            do {
                subOrder = try await platform.orders.subOrder(id, on: db)
                _ = try await platform.orders.order(subOrder.orderID, ofCustomer: customerID.rawValue, on: db)
            } catch is OrdersError {
                throw ReputationFlowError.subOrderNotFound
            }
            guard subOrder.status == .delivered else { throw ReputationFlowError.notYetDelivered }
            let account = try await platform.identity.customer(customerID, on: db)
            let purchase = SellerPurchase(
                sellerID: subOrder.sellerID, subOrderID: subOrder.id.rawValue, orderID: subOrder.orderID.rawValue,
                customerID: customerID.rawValue, authorName: ReviewRules.authorName(from: account.name))
            return try await platform.reviews.submit(draft, for: purchase, on: db)
        }
    }

    /// The seller's public answer to a published review of them; another seller's review is not found.
    public static func reply(
        to id: SellerReviewID, seller sellerID: SellerID, text: String, by actor: AuditActor, on platform: Platform
    ) async throws -> SellerReview {
        try await platform.database.inTransaction { db in
            try await platform.reviews.reply(to: id, ofSeller: sellerID.rawValue, text: text, by: actor, on: db)
        }
    }

    /// A private seller rates the buyer of one of their delivered sub-orders, once.
    public static func rateBuyer(
        of subOrderID: SubOrderID, seller sellerID: SellerID, rating: Int, body: String, requestID: String?,
        on platform: Platform
    ) async throws -> BuyerRating {
        try await platform.database.inTransaction { db in
            let subOrder: SubOrder
            do {
                subOrder = try await platform.orders.subOrder(subOrderID, ofSeller: sellerID.rawValue, on: db)
            } catch is OrdersError {
                throw ReputationFlowError.subOrderNotFound
            }
            guard try await platform.sellers.seller(sellerID, on: db).kind == .private else {
                throw ReputationFlowError.notPrivateSeller
            }
            guard subOrder.status == .delivered else { throw ReputationFlowError.notYetDelivered }
            let order = try await platform.orders.order(subOrder.orderID, on: db)
            guard let customerID = order.customerID else { throw ReputationFlowError.guestBuyer }
            return try await platform.reviews.rateBuyer(
                rating: rating, body: body,
                for: RatedTrade(subOrderID: subOrder.id.rawValue, sellerID: sellerID.rawValue, customerID: customerID),
                requestID: requestID, on: db)
        }
    }

    /// What private sellers rated the customer, summarised.
    public static func buyerRating(of customerID: CustomerID, on platform: Platform) async throws -> RatingSummary {
        try await platform.database.read { db in
            try await platform.reviews.buyerRatings(ofCustomer: customerID.rawValue, on: db)
        }
    }

    /// An approved seller's public face with their published rating; any other seller does not exist for
    /// shoppers.
    public static func publicSeller(
        handle: String, on platform: Platform
    ) async throws -> (seller: Seller, rating: RatingSummary) {
        try await platform.database.read { db in
            let seller = try await platform.sellers.seller(handle: handle, on: db)
            guard seller.status == .approved else { throw SellersError.sellerNotFound }
            let rating = try await platform.reviews.ratings(ofSellers: [seller.id.rawValue], on: db)
            return (seller, rating[seller.id.rawValue] ?? .empty)
        }
    }

    /// A page of an approved seller's published reviews, newest first, with their rating.
    public static func publishedReviews(
        handle: String, before cursor: SellerReviewID?, limit: Int, on platform: Platform
    ) async throws -> (rating: RatingSummary, reviews: [SellerReview]) {
        let (seller, rating) = try await publicSeller(handle: handle, on: platform)
        let reviews = try await platform.database.read { db in
            try await platform.reviews.publishedReviews(
                ofSeller: seller.id.rawValue, before: cursor, limit: limit, on: db)
        }
        return (rating, reviews)
    }
}
