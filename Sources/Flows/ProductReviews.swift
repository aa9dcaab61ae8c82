public import Identity
public import Orders
public import Persistence
public import Reviews
import SQLKit
public import TorvCore

/// Why a buyer cannot review a line.
public enum ReviewFlowError: DomainError, Hashable {
    /// Not a line of one of the buyer's own orders: the same answer as for a line that does not exist.
    case orderLineNotFound
    /// Nothing of the line has reached the buyer yet.
    case notYetReceived

    public var code: String {
        switch self {
        case .orderLineNotFound: "order_line_not_found"
        case .notYetReceived: "not_yet_received"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .orderLineNotFound: .notFound
        case .notYetReceived: .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .orderLineNotFound: "None of your orders has this line."
        case .notYetReceived: "You can review this once it has shipped to you or you have collected it."
        }
    }
}

/// Reviews from verified purchases: the buyer's own order line, shipped or collected.
public enum ProductReviews {
    public static func submit(
        _ draft: ReviewDraft, orderID: String, lineID: String, customerID: CustomerID, on platform: Platform
    ) async throws -> Review {
        try await platform.database.inTransaction { db in
            guard let id = OrderID(orderID) else { throw ReviewFlowError.orderLineNotFound }
            let order: Order
            do {
                order = try await platform.orders.order(id, ofCustomer: customerID.rawValue, on: db)
            } catch is OrdersError {
                throw ReviewFlowError.orderLineNotFound
            }
            guard let line = order.lines.first(where: { $0.id.rawValue == lineID }) else {
                throw ReviewFlowError.orderLineNotFound
            }
            guard line.shippedQuantity > 0, order.status != .cancelled else { throw ReviewFlowError.notYetReceived }
            let account = try await platform.identity.customer(customerID, on: db)
            let purchase = VerifiedPurchase(
                productID: line.productID, orderID: order.id.rawValue, orderLineID: line.id.rawValue,
                customerID: customerID.rawValue, authorName: ReviewRules.authorName(from: account.name))
            return try await platform.reviews.submit(draft, for: purchase, on: db)
        }
    }
}
