import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Reviews {
    /// Records a review of a verified purchase, pending moderation. `already_reviewed` when the line has
    /// one: the unique key decides, so two racing submissions cannot both land.
    public func submit(
        _ draft: ReviewDraft, for purchase: VerifiedPurchase, on db: any SQLDatabase
    ) async throws -> Review {
        let problems = ReviewRules.check(draft)
        guard problems.isEmpty else { throw ValidationError(problems) }
        let now = self.now
        let id = ReviewID.generate(ids, at: now)
        let photos = String(decoding: try JSONEncoder().encode(draft.photoURLs), as: UTF8.self)
        let inserted = try await db.raw(
            """
            INSERT INTO reviews (id, product_id, order_id, order_line_id, customer_id, author_name, rating, title, body,
                photo_urls, status, created_at)
            VALUES (\(bind: id.rawValue), \(bind: purchase.productID), \(bind: purchase.orderID),
                    \(bind: purchase.orderLineID), \(bind: purchase.customerID), \(bind: purchase.authorName),
                    \(bind: draft.rating), \(bind: draft.title.trimmingCharacters(in: .whitespacesAndNewlines)),
                    \(bind: draft.body), \(bind: photos), 'pending', \(bind: now.epochMicroseconds))
            ON CONFLICT (order_line_id) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw ReviewsError.alreadyReviewed }
        return try await review(id, on: db)
    }

    /// Publishes or rejects a pending review, once. A rejection says why.
    public func moderate(
        _ id: ReviewID, _ decision: ModerationDecision, by actor: AuditActor, requestID: String?, on db: any SQLDatabase
    ) async throws -> Review {
        let (status, reason): (ReviewStatus, String?) =
            switch decision {
            case .publish: (.published, nil)
            case .reject(let reason): (.rejected, reason.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        if status == .rejected && (reason ?? "").isEmpty { throw ReviewsError.reasonRequired }
        let current = try await review(id, on: db)
        let moved = try await db.raw(
            """
            UPDATE reviews SET status = \(bind: status.rawValue), rejection_reason = \(bind: reason),
                moderated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'pending' RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw ReviewsError.alreadyModerated(current.status) }
        try await audit.record(
            "review.\(status.rawValue)", by: actor, target: ("review", id.rawValue),
            detail: reason.map { ["reason": $0] } ?? [:], on: db)
        if status == .published {
            try await outbox.append(
                ReviewPublished(reviewID: id, productID: current.productID, rating: current.rating), on: db,
                requestID: requestID)
        }
        return try await review(id, on: db)
    }
}
