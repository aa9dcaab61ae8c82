import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Reviews
import Sellers
import TorvCore

/// The moderation queue: reviews of products and of sellers are published or rejected here as the API's
/// moderation operations do, with the permissions they declare.
extension ConsolePages {
    func registerModeration(on router: Router<TorvRequestContext>) {
        router.get("/admin/marketplace/moderation") { request, context in
            await page(request, context, permission: .reviewsRead) { visit in
                let done = FormData(urlEncoded: request.uri.query ?? "")["done"]
                let notice: String? =
                    switch done {
                    case "published": "The review was published."
                    case "rejected": "The review was rejected; its author is told why."
                    default: nil
                    }
                return try await moderationQueue(request, visit: visit, notice: notice)
            }
        }
        for kind in ModeratedKind.allCases {
            router.post(RouterPath("/admin/marketplace/moderation/\(kind.rawValue)/:review")) { request, context in
                await post(request, context, permission: .reviewsModerate) { visit, form in
                    try await moderate(
                        kind, id: context.parameters.get("review") ?? "", request: request, form: form, visit: visit)
                }
            }
        }
    }

    enum ModeratedKind: String, CaseIterable {
        case reviews
        case sellerReviews = "seller-reviews"
    }

    static let moderationPageSize = 25

    func moderationQueue(
        _ request: Request, visit: StaffVisit, notice: String? = nil, failure: ModerationFailure? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (reviews, sellers, catalog, limit) = (
            platform.reviews, platform.sellers, platform.catalog, Self.moderationPageSize
        )
        let (productReviews, sellerReviews, names, titles) = try await platform.database.read { db in
            let productReviews = try await reviews.reviews(status: .pending, after: nil, limit: limit, on: db)
            let sellerReviews = try await reviews.sellerReviews(status: .pending, after: nil, limit: limit, on: db)
            let names = try await sellers.displayNames(of: sellerReviews.compactMap { SellerID($0.sellerID) }, on: db)
            // At most a page of products; a product deleted since shows by its ID.
            var titles: [String: String] = [:]
            for id in Set(productReviews.map(\.productID)) {
                guard let productID = ProductID(id) else { continue }
                titles[id] = try? await catalog.product(productID, on: db).title
            }
            return (productReviews, sellerReviews, names, titles)
        }
        let view = ModerationQueueView(
            reviews: productReviews, sellerReviews: sellerReviews,
            sellerNames: Dictionary(uniqueKeysWithValues: names.map { ($0.key.rawValue, $0.value) }),
            productTitles: titles, mayOpenProducts: visit.may(.catalogProductsRead),
            mayModerate: visit.may(.reviewsModerate), notice: notice, failure: failure,
            tabs: MarketplaceTab.tabs(current: .moderation, visit: visit), settings: settings)
        return try render(
            "console-moderation", title: "Moderation", section: .marketplace, view: view, visit: visit,
            request: request, status: status)
    }

    /// Publishes or rejects a review once per form key; a refusal (no reason, decided already) is shown
    /// next to the review.
    private func moderate(
        _ kind: ModeratedKind, id raw: String, request: Request, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let reason = form["reason"] ?? ""
        let decision: ModerationDecision = form["decision"] == "publish" ? .publish : .reject(reason: reason)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.marketplace.moderate"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (reviews, actor) = (platform.reviews, visit.actor)
            do {
                switch kind {
                case .reviews:
                    let id = try pathID(raw, as: ReviewID.self, notFound: ReviewsError.reviewNotFound)
                    _ = try await platform.database.inTransaction { db in
                        try await reviews.moderate(id, decision, by: actor, requestID: RequestInfo.requestID, on: db)
                    }
                case .sellerReviews:
                    let id = try pathID(raw, as: SellerReviewID.self, notFound: ReviewsError.sellerReviewNotFound)
                    _ = try await platform.database.inTransaction { db in
                        try await reviews.moderate(id, decision, by: actor, requestID: RequestInfo.requestID, on: db)
                    }
                }
            } catch let error as ReviewsError where error.kind != .notFound {
                return .refused(
                    try await moderationQueue(
                        request, visit: visit,
                        failure: ModerationFailure(
                            itemID: raw, reason: reason, message: ConsoleFormRefusal.sentence(error)),
                        status: ConsoleFormRefusal.status(of: error) ?? .unprocessableContent))
            }
            return .redirect("/admin/marketplace/moderation?done=\(decision == .publish ? "published" : "rejected")")
        }
    }
}

extension Permission {
    static let reviewsRead: Permission = "reviews.read"
    static let reviewsModerate: Permission = "reviews.moderate"
}
