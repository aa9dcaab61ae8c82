import Foundation
import Persistence
import SQLKit
import TorvCore

enum ReviewsStore {
    static func review(_ row: any SQLRow) throws -> Review {
        let photos = try JSONDecoder().decode([String].self, from: Data(try row.string("photo_urls").utf8))
        return Review(
            id: try row.id("id", as: ReviewID.self, table: "reviews"),
            productID: try row.string("product_id"), orderID: try row.string("order_id"),
            orderLineID: try row.string("order_line_id"), customerID: try row.string("customer_id"),
            authorName: try row.string("author_name"), rating: try row.int("rating"), title: try row.string("title"),
            body: try row.string("body"), photoURLs: photos,
            status: try row.enumeration("status", as: ReviewStatus.self, table: "reviews"),
            rejectionReason: try row.optionalString("rejection_reason"), createdAt: try row.date("created_at"),
            moderatedAt: try row.optionalDate("moderated_at"))
    }
}
