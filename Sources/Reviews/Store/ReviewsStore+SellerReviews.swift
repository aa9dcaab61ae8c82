import Foundation
import Persistence
import SQLKit
import TorvCore

extension ReviewsStore {
    static func sellerReview(_ row: any SQLRow) throws -> SellerReview {
        let table = "seller_reviews"
        let photos = try JSONDecoder().decode([String].self, from: Data(try row.string("photo_urls").utf8))
        return SellerReview(
            id: try row.id("id", as: SellerReviewID.self, table: table), sellerID: try row.string("seller_id"),
            subOrderID: try row.string("sub_order_id"), orderID: try row.string("order_id"),
            customerID: try row.string("customer_id"), authorName: try row.string("author_name"),
            rating: try row.int("rating"), body: try row.string("body"), photoURLs: photos,
            status: try row.enumeration("status", as: ReviewStatus.self, table: table),
            rejectionReason: try row.optionalString("rejection_reason"), reply: try row.optionalString("reply"),
            repliedAt: try row.optionalDate("replied_at"), createdAt: try row.date("created_at"),
            moderatedAt: try row.optionalDate("moderated_at"))
    }
}
