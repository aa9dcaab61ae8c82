import Catalog
import Flows
import Foundation
import Persistence
import Reviews
import TorvAPI
import TorvCore

/// Reviews: written by buyers about what they received, moderated by staff, read by every shopper.
extension APIHandlers {
    func submitReview(_ input: Operations.SubmitReview.Input) async throws -> Operations.SubmitReview.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = ReviewDraft(
            rating: Int(body.rating), title: body.title, body: body.body ?? "", photoURLs: body.photoUrls ?? [])
        let review = try await ProductReviews.submit(
            draft, orderID: body.orderId, lineID: body.orderLineId, customerID: try Caller.customer(), on: platform)
        return .created(.init(body: .json(.init(review))))
    }

    func listMyReviews(_ input: Operations.ListMyReviews.Input) async throws -> Operations.ListMyReviews.Output {
        let customer = try Caller.customer().rawValue
        let reviews = platform.reviews
        let mine = try await platform.database.read { db in try await reviews.reviews(ofCustomer: customer, on: db) }
        return .ok(.init(body: .json(.init(items: mine.map(Components.Schemas.Review.init)))))
    }

    func listProductReviews(
        _ input: Operations.ListProductReviews.Input
    ) async throws -> Operations.ListProductReviews.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.before, as: ReviewID.self, name: "before")
        let (catalog, reviews) = (platform.catalog, platform.reviews)
        let slug = input.path.slug
        let (summary, page) = try await platform.database.read { db in
            let product = try await catalog.product(slug: slug, on: db)
            guard product.isVisible else { throw CatalogError.productNotFound }
            let id = product.id.rawValue
            return (
                try await reviews.ratings(ofProducts: [id], on: db)[id] ?? .empty,
                try await reviews.publishedReviews(ofProduct: id, before: cursor, limit: limit + 1, on: db)
            )
        }
        let shown = Paging.page(page, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(
                body: .json(
                    .init(
                        rating: .init(summary), items: shown.items.map(Components.Schemas.PublicReview.init),
                        next: shown.next))))
    }

    func listReviews(_ input: Operations.ListReviews.Input) async throws -> Operations.ListReviews.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: ReviewID.self)
        let status = input.query.status.flatMap { ReviewStatus(rawValue: $0.rawValue) } ?? .pending
        let reviews = platform.reviews
        let fetched = try await platform.database.read { db in
            try await reviews.reviews(status: status, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.Review.init), next: page.next))))
    }

    func moderateReview(_ input: Operations.ModerateReview.Input) async throws -> Operations.ModerateReview.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.reviewId, as: ReviewID.self, notFound: ReviewsError.reviewNotFound)
        let decision: ModerationDecision = body.decision == .publish ? .publish : .reject(reason: body.reason ?? "")
        let (actor, reviews) = (try actor(), platform.reviews)
        let review = try await platform.database.inTransaction { db in
            try await reviews.moderate(id, decision, by: actor, requestID: RequestInfo.requestID, on: db)
        }
        return .ok(.init(body: .json(.init(review))))
    }
}

extension Components.Schemas.Review {
    init(_ review: Review) {
        self.init(
            id: review.id.rawValue, productId: review.productID, orderId: review.orderID,
            orderLineId: review.orderLineID, authorName: review.authorName, rating: Int32(review.rating),
            title: review.title, body: review.body, photoUrls: review.photoURLs,
            status: .init(rawValue: review.status.rawValue) ?? .pending, rejectionReason: review.rejectionReason,
            createdAt: review.createdAt, moderatedAt: review.moderatedAt)
    }
}

extension Components.Schemas.PublicReview {
    init(_ review: Review) {
        self.init(
            id: review.id.rawValue, authorName: review.authorName, rating: Int32(review.rating), title: review.title,
            body: review.body, photoUrls: review.photoURLs, verifiedPurchase: true, createdAt: review.createdAt)
    }
}

extension Components.Schemas.RatingSummary {
    init(_ summary: RatingSummary) {
        self.init(
            count: Int32(clamping: summary.count),
            average: summary.averageHundredths.map { String(format: "%d.%02d", $0 / 100, $0 % 100) },
            histogram: summary.histogram.map { Int32(clamping: $0) })
    }
}
