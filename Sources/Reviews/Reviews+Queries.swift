import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Reviews {
    public func review(_ id: ReviewID, on db: any SQLDatabase) async throws -> Review {
        guard let row = try await db.raw("SELECT * FROM reviews WHERE id = \(bind: id.rawValue)").first() else {
            throw ReviewsError.reviewNotFound
        }
        return try ReviewsStore.review(row)
    }

    /// A product's published reviews, newest first.
    public func publishedReviews(
        ofProduct productID: String, before cursor: ReviewID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [Review] {
        try await db.raw(
            """
            SELECT * FROM reviews WHERE product_id = \(bind: productID) AND status = 'published'
            AND (\(bind: cursor?.rawValue) IS NULL OR id < \(bind: cursor?.rawValue))
            ORDER BY id DESC LIMIT \(bind: limit)
            """
        ).all().map(ReviewsStore.review)
    }

    /// Published ratings of products, counted by star in the database.
    public func ratings(ofProducts productIDs: [String], on db: any SQLDatabase) async throws -> [String: RatingSummary]
    {
        guard !productIDs.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT product_id, rating, count(*) AS n FROM reviews
            WHERE status = 'published' AND product_id IN (\(binds: productIDs))
            GROUP BY product_id, rating
            """
        ).all()
        var histograms: [String: [Int]] = [:]
        for row in rows {
            let product = try row.string("product_id")
            histograms[product, default: [0, 0, 0, 0, 0]][try row.int("rating") - 1] = try row.int("n")
        }
        return histograms.mapValues(RatingSummary.init(histogram:))
    }

    /// The moderation queue (or any status), oldest first.
    public func reviews(
        status: ReviewStatus, after cursor: ReviewID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [Review] {
        try await db.raw(
            """
            SELECT * FROM reviews WHERE status = \(bind: status.rawValue) AND id > \(bind: cursor?.rawValue ?? "")
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(ReviewsStore.review)
    }

    /// A customer's own reviews, in every status, newest first.
    public func reviews(ofCustomer customerID: String, on db: any SQLDatabase) async throws -> [Review] {
        try await db.raw(
            "SELECT * FROM reviews WHERE customer_id = \(bind: customerID) ORDER BY id DESC LIMIT 500"
        ).all().map(ReviewsStore.review)
    }
}
