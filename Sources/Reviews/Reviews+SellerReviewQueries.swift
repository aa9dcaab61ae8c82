public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Reviews {
    public func sellerReview(_ id: SellerReviewID, on db: any SQLDatabase) async throws -> SellerReview {
        guard let row = try await db.raw("SELECT * FROM seller_reviews WHERE id = \(bind: id.rawValue)").first()
        else { throw ReviewsError.sellerReviewNotFound }
        return try ReviewsStore.sellerReview(row)
    }

    /// A seller's published reviews, newest first.
    public func publishedReviews(
        ofSeller sellerID: String, before cursor: SellerReviewID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerReview] {
        try await db.raw(
            """
            SELECT * FROM seller_reviews WHERE seller_id = \(bind: sellerID) AND status = 'published'
            AND (\(bind: cursor?.rawValue) IS NULL OR id < \(bind: cursor?.rawValue))
            ORDER BY id DESC LIMIT \(bind: limit)
            """
        ).all().map(ReviewsStore.sellerReview)
    }

    /// The seller-review moderation queue (or any status), oldest first.
    public func sellerReviews(
        status: ReviewStatus, after cursor: SellerReviewID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerReview] {
        try await db.raw(
            """
            SELECT * FROM seller_reviews WHERE status = \(bind: status.rawValue)
            AND id > \(bind: cursor?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(ReviewsStore.sellerReview)
    }

    /// A customer's own seller reviews, in every status, newest first.
    public func sellerReviews(ofCustomer customerID: String, on db: any SQLDatabase) async throws -> [SellerReview] {
        try await db.raw(
            "SELECT * FROM seller_reviews WHERE customer_id = \(bind: customerID) ORDER BY id DESC LIMIT 500"
        ).all().map(ReviewsStore.sellerReview)
    }

    /// Published ratings of sellers, counted by star in one query for all of them; only reviews written at or
    /// after `since` when given (a scorecard window).
    public func ratings(
        ofSellers sellerIDs: [String], since: Date? = nil, on db: any SQLDatabase
    ) async throws -> [String: RatingSummary] {
        guard !sellerIDs.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT seller_id, rating, count(*) AS n FROM seller_reviews
            WHERE status = 'published' AND seller_id IN (\(binds: sellerIDs))
            AND created_at >= \(bind: since?.epochMicroseconds ?? Int64.min)
            GROUP BY seller_id, rating
            """
        ).all()
        return try Self.histograms(rows, key: "seller_id")
    }

    /// What private sellers rated the buyer, summarised; who rated and what they wrote stay private.
    public func buyerRatings(ofCustomer customerID: String, on db: any SQLDatabase) async throws -> RatingSummary {
        let rows = try await db.raw(
            """
            SELECT customer_id, rating, count(*) AS n FROM buyer_ratings WHERE customer_id = \(bind: customerID)
            GROUP BY customer_id, rating
            """
        ).all()
        return try Self.histograms(rows, key: "customer_id")[customerID] ?? .empty
    }

    static func histograms(_ rows: [any SQLRow], key: String) throws -> [String: RatingSummary] {
        var histograms: [String: [Int]] = [:]
        for row in rows {
            let owner = try row.string(key)
            let stars = try row.int("rating")
            guard (1...5).contains(stars) else { continue }
            histograms[owner, default: [0, 0, 0, 0, 0]][stars - 1] = try row.int("n")
        }
        return histograms.mapValues(RatingSummary.init(histogram:))
    }
}
