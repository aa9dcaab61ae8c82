import Foundation
import Reviews
import TorvCore

/// The moderation queue: product reviews and seller reviews waiting to be published or rejected, oldest
/// first, each with its two decisions as the API's `moderateReview` and `moderateSellerReview` take them.
struct ModerationQueueView {
    let marketplaceTabs: [MarketplaceTab]
    let productReviewItems: [ModerationItem]
    let hasProductReviews: Bool
    let sellerReviewItems: [ModerationItem]
    let hasSellerReviews: Bool
    let moderationNotice: String?

    init(
        reviews: [Review], sellerReviews: [SellerReview], sellerNames: [String: String],
        productTitles: [String: String], mayOpenProducts: Bool, mayModerate: Bool,
        notice: String?, failure: ModerationFailure?, tabs: [MarketplaceTab], settings: ShopSettings
    ) {
        marketplaceTabs = tabs
        productReviewItems = reviews.map { review in
            ModerationItem(
                id: review.id.rawValue, path: "/admin/marketplace/moderation/reviews/\(review.id.rawValue)",
                subject: "Product", subjectHref: mayOpenProducts ? "/admin/catalog/products/\(review.productID)" : nil,
                subjectName: productTitles[review.productID] ?? review.productID, rating: review.rating,
                title: review.title, body: review.body,
                author: review.authorName, written: settings.dateTime(review.createdAt), mayModerate: mayModerate,
                failure: failure)
        }
        hasProductReviews = !reviews.isEmpty
        sellerReviewItems = sellerReviews.map { review in
            ModerationItem(
                id: review.id.rawValue, path: "/admin/marketplace/moderation/seller-reviews/\(review.id.rawValue)",
                subject: "Seller", subjectHref: "/admin/marketplace/sellers/\(review.sellerID)",
                subjectName: sellerNames[review.sellerID] ?? review.sellerID, rating: review.rating, title: "",
                body: review.body, author: review.authorName, written: settings.dateTime(review.createdAt),
                mayModerate: mayModerate, failure: failure)
        }
        hasSellerReviews = !sellerReviews.isEmpty
        moderationNotice = notice
    }
}

/// One review waiting for a decision.
struct ModerationItem {
    let itemID: String
    let itemPath: String
    let itemSubject: String
    let itemSubjectHref: String?
    let itemSubjectName: String
    let itemStars: String
    let itemTitle: String
    let itemBody: String
    let itemAuthor: String
    let itemWritten: String
    let itemMayModerate: Bool
    let publishKey: String
    let rejectKey: String
    let rejectReasonValue: String
    let itemProblem: String?

    init(
        id: String, path: String, subject: String, subjectHref: String?, subjectName: String, rating: Int,
        title: String, body: String, author: String, written: String, mayModerate: Bool, failure: ModerationFailure?
    ) {
        itemID = id
        itemPath = path
        itemSubject = subject
        itemSubjectHref = subjectHref
        itemSubjectName = subjectName
        let stars = max(0, min(rating, 5))
        itemStars = String(repeating: "★", count: stars) + String(repeating: "☆", count: 5 - stars) + " \(rating) of 5"
        itemTitle = title
        itemBody = body
        itemAuthor = author
        itemWritten = written
        itemMayModerate = mayModerate
        publishKey = FormGuard.randomToken()
        rejectKey = FormGuard.randomToken()
        let mine = failure?.itemID == id
        rejectReasonValue = mine ? failure?.reason ?? "" : ""
        itemProblem = mine ? failure?.message : nil
    }
}

/// A refused decision: which review, what was typed and why.
struct ModerationFailure {
    let itemID: String
    let reason: String
    let message: String
}
