import Flows
import Foundation
import Orders
import Persistence
import Reviews
import Sellers
import TorvAPI
import TorvCore

/// Seller reputation: buyers review the sellers of delivered sub-orders, moderators decide, sellers answer
/// once, and private sellers rate their buyers.
extension APIHandlers {
    func submitSellerReview(
        _ input: Operations.SubmitSellerReview.Input
    ) async throws -> Operations.SubmitSellerReview.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = SellerReviewDraft(rating: Int(body.rating), body: body.body, photoURLs: body.photoUrls ?? [])
        let review = try await SellerReputation.reviewSeller(
            draft, subOrderID: body.subOrderId, customerID: try Caller.customer(), on: platform)
        return .created(.init(body: .json(.init(review))))
    }

    func listMySellerReviews(
        _ input: Operations.ListMySellerReviews.Input
    ) async throws -> Operations.ListMySellerReviews.Output {
        let customer = try Caller.customer().rawValue
        let reviews = platform.reviews
        let mine = try await platform.database.read { db in
            try await reviews.sellerReviews(ofCustomer: customer, on: db)
        }
        return .ok(.init(body: .json(.init(items: mine.map(Components.Schemas.SellerReview.init)))))
    }

    func getMyBuyerRating(_ input: Operations.GetMyBuyerRating.Input) async throws -> Operations.GetMyBuyerRating.Output
    {
        let summary = try await SellerReputation.buyerRating(of: try Caller.customer(), on: platform)
        return .ok(.init(body: .json(.init(summary))))
    }

    func listSellerReviews(
        _ input: Operations.ListSellerReviews.Input
    ) async throws -> Operations.ListSellerReviews.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.before, as: SellerReviewID.self, name: "before")
        let (rating, fetched) = try await SellerReputation.publishedReviews(
            handle: input.path.handle, before: cursor, limit: limit + 1, on: platform)
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(
                body: .json(
                    .init(
                        rating: .init(rating), items: page.items.map(Components.Schemas.PublicSellerReview.init),
                        next: page.next))))
    }

    func listOwnSellerReviews(
        _ input: Operations.ListOwnSellerReviews.Input
    ) async throws -> Operations.ListOwnSellerReviews.Output {
        let seller = try ownSeller().rawValue
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.before, as: SellerReviewID.self, name: "before")
        let reviews = platform.reviews
        let (ratings, fetched) = try await platform.database.read { db in
            (
                try await reviews.ratings(ofSellers: [seller], on: db),
                try await reviews.publishedReviews(ofSeller: seller, before: cursor, limit: limit + 1, on: db)
            )
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(
                body: .json(
                    .init(
                        rating: .init(ratings[seller] ?? .empty),
                        items: page.items.map(Components.Schemas.PublicSellerReview.init), next: page.next))))
    }

    func replyToSellerReview(
        _ input: Operations.ReplyToSellerReview.Input
    ) async throws -> Operations.ReplyToSellerReview.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(
            input.path.sellerReviewId, as: SellerReviewID.self, notFound: ReviewsError.sellerReviewNotFound)
        let review = try await SellerReputation.reply(
            to: id, seller: try ownSeller(), text: body.reply, by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(review))))
    }

    func rateOwnSellerOrderBuyer(
        _ input: Operations.RateOwnSellerOrderBuyer.Input
    ) async throws -> Operations.RateOwnSellerOrderBuyer.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.subOrderId, as: SubOrderID.self, notFound: OrdersError.subOrderNotFound)
        let rating = try await SellerReputation.rateBuyer(
            of: id, seller: try ownSeller(), rating: Int(body.rating), body: body.body ?? "",
            requestID: RequestInfo.requestID, on: platform)
        return .created(
            .init(
                body: .json(
                    .init(
                        id: rating.id.rawValue, subOrderId: rating.subOrderID, rating: Int32(rating.rating),
                        body: rating.body, createdAt: rating.createdAt))))
    }

    func listSellerReviewsForModeration(
        _ input: Operations.ListSellerReviewsForModeration.Input
    ) async throws -> Operations.ListSellerReviewsForModeration.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerReviewID.self)
        let status = input.query.status.flatMap { ReviewStatus(rawValue: $0.rawValue) } ?? .pending
        let reviews = platform.reviews
        let fetched = try await platform.database.read { db in
            try await reviews.sellerReviews(status: status, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(body: .json(.init(items: page.items.map(Components.Schemas.SellerReview.init), next: page.next))))
    }

    func moderateSellerReview(
        _ input: Operations.ModerateSellerReview.Input
    ) async throws -> Operations.ModerateSellerReview.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(
            input.path.sellerReviewId, as: SellerReviewID.self, notFound: ReviewsError.sellerReviewNotFound)
        let decision: ModerationDecision = body.decision == .publish ? .publish : .reject(reason: body.reason ?? "")
        let (actor, reviews) = (try actor(), platform.reviews)
        let review = try await platform.database.inTransaction { db in
            try await reviews.moderate(id, decision, by: actor, requestID: RequestInfo.requestID, on: db)
        }
        return .ok(.init(body: .json(.init(review))))
    }
}

extension Components.Schemas.SellerReview {
    init(_ review: SellerReview) {
        self.init(
            id: review.id.rawValue, sellerId: review.sellerID, subOrderId: review.subOrderID,
            orderId: review.orderID, authorName: review.authorName, rating: Int32(review.rating), body: review.body,
            photoUrls: review.photoURLs, status: .init(rawValue: review.status.rawValue) ?? .pending,
            rejectionReason: review.rejectionReason, reply: review.reply, repliedAt: review.repliedAt,
            createdAt: review.createdAt, moderatedAt: review.moderatedAt)
    }
}

extension Components.Schemas.PublicSellerReview {
    init(_ review: SellerReview) {
        self.init(
            id: review.id.rawValue, authorName: review.authorName, rating: Int32(review.rating), body: review.body,
            photoUrls: review.photoURLs, verifiedPurchase: true, reply: review.reply, repliedAt: review.repliedAt,
            createdAt: review.createdAt)
    }
}
