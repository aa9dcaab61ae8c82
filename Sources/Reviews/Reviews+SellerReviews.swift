import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// Reviews of sellers: written by the buyer of a delivered sub-order, moderated like product reviews, answered
/// once by the seller.
extension Reviews {
    /// Records a review of the seller of a delivered sub-order, pending moderation. `already_reviewed` when the
    /// sub-order has one: the unique key decides, so two racing submissions cannot both land.
    public func submit(
        _ draft: SellerReviewDraft, for purchase: SellerPurchase, on db: any SQLDatabase
    ) async throws -> SellerReview {
        let problems = SellerReviewRules.check(draft)
        guard problems.isEmpty else { throw ValidationError(problems) }
        let now = self.now
        let id = SellerReviewID.generate(ids, at: now)
        let photos = String(decoding: try JSONEncoder().encode(draft.photoURLs), as: UTF8.self)
        let inserted = try await db.raw(
            """
            INSERT INTO seller_reviews (id, seller_id, sub_order_id, order_id, customer_id, author_name, rating, body,
                photo_urls, status, created_at)
            VALUES (\(bind: id.rawValue), \(bind: purchase.sellerID), \(bind: purchase.subOrderID),
                    \(bind: purchase.orderID), \(bind: purchase.customerID), \(bind: purchase.authorName),
                    \(bind: draft.rating), \(bind: draft.body.trimmingCharacters(in: .whitespacesAndNewlines)),
                    \(bind: photos), 'pending', \(bind: now.epochMicroseconds))
            ON CONFLICT (sub_order_id) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw ReviewsError.alreadyReviewed }
        return try await sellerReview(id, on: db)
    }

    /// Publishes or rejects a pending seller review, once. A rejection says why.
    public func moderate(
        _ id: SellerReviewID, _ decision: ModerationDecision, by actor: AuditActor, requestID: String?,
        on db: any SQLDatabase
    ) async throws -> SellerReview {
        let (status, reason): (ReviewStatus, String?) =
            switch decision {
            case .publish: (.published, nil)
            case .reject(let reason): (.rejected, reason.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        if status == .rejected && (reason ?? "").isEmpty { throw ReviewsError.reasonRequired }
        let current = try await sellerReview(id, on: db)
        let moved = try await db.raw(
            """
            UPDATE seller_reviews SET status = \(bind: status.rawValue), rejection_reason = \(bind: reason),
                moderated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'pending' RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw ReviewsError.alreadyModerated(current.status) }
        try await audit.record(
            "seller_review.\(status.rawValue)", by: actor, target: ("seller_review", id.rawValue),
            detail: reason.map { ["reason": $0] } ?? [:], on: db)
        if status == .published {
            try await outbox.append(
                SellerReviewPublished(reviewID: id, sellerID: current.sellerID, rating: current.rating), on: db,
                requestID: requestID)
        }
        return try await sellerReview(id, on: db)
    }

    /// The seller's public answer to a published review of them, once. Another seller's review is not found.
    public func reply(
        to id: SellerReviewID, ofSeller sellerID: String, text: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerReview {
        let problems = SellerReviewRules.checkReply(text)
        guard problems.isEmpty else { throw ValidationError(problems) }
        let current = try await sellerReview(id, on: db)
        guard current.sellerID == sellerID else { throw ReviewsError.sellerReviewNotFound }
        let answered = try await db.raw(
            """
            UPDATE seller_reviews SET reply = \(bind: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                replied_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID) AND status = 'published'
                AND reply IS NULL
            RETURNING id
            """
        ).all()
        guard !answered.isEmpty else {
            throw current.status == .published ? ReviewsError.alreadyReplied : ReviewsError.notPublished(current.status)
        }
        try await audit.record(
            "seller_review.replied", by: actor, target: ("seller_review", id.rawValue), detail: [:], on: db)
        return try await sellerReview(id, on: db)
    }

    /// A private seller's rating of the buyer of a delivered sub-order, once per sub-order (the unique key
    /// decides).
    public func rateBuyer(
        rating: Int, body: String, for trade: RatedTrade, requestID: String?, on db: any SQLDatabase
    ) async throws -> BuyerRating {
        let problems = SellerReviewRules.checkBuyerRating(rating: rating, body: body)
        guard problems.isEmpty else { throw ValidationError(problems) }
        let now = self.now
        let id = BuyerRatingID.generate(ids, at: now)
        let inserted = try await db.raw(
            """
            INSERT INTO buyer_ratings (id, sub_order_id, seller_id, customer_id, rating, body, created_at)
            VALUES (\(bind: id.rawValue), \(bind: trade.subOrderID), \(bind: trade.sellerID),
                    \(bind: trade.customerID), \(bind: rating),
                    \(bind: body.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: now.epochMicroseconds))
            ON CONFLICT (sub_order_id) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw ReviewsError.buyerAlreadyRated }
        try await outbox.append(
            BuyerRated(ratingID: id, subOrderID: trade.subOrderID, rating: rating), on: db, requestID: requestID)
        return BuyerRating(
            id: id, subOrderID: trade.subOrderID, sellerID: trade.sellerID, customerID: trade.customerID,
            rating: rating, body: body.trimmingCharacters(in: .whitespacesAndNewlines), createdAt: now)
    }
}
