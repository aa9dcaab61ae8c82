import Foundation
public import Orders
public import Payments
import Persistence
import SQLKit
public import TorvCore

/// An order with everything around it — payments, fulfilments, returns, timeline — read in one
/// snapshot. A customer sees only their own orders and only the timeline entries meant for them.
public struct OrderDetails: Sendable {
    public var order: Order
    public var payments: [Payment]
    public var fulfilments: [Fulfilment]
    public var returns: [OrderReturn]
    public var timeline: [OrderTimelineEntry]
    /// The marketplace sellers' parts of the order.
    public var subOrders: [SubOrder] = []
    /// Every refund of the order's payments, with the reason staff gave: goodwill refunds leave no timeline
    /// entry of their own, so the back office reads them here. Empty in a customer's view.
    public var refunds: [Refund] = []
    /// Only right after a fulfilment was made ready for pick-up: the code to give the customer.
    public var pickupCode: (FulfilmentID, String)?

    public static func load(
        _ id: OrderID, ofCustomer customer: String? = nil, on platform: Platform
    ) async throws
        -> OrderDetails
    {
        try await platform.database.read { db in
            let order =
                if let customer {
                    try await platform.orders.order(id, ofCustomer: customer, on: db)
                } else {
                    try await platform.orders.order(id, on: db)
                }
            return try await assemble(order, forCustomer: customer != nil, on: platform, db: db)
        }
    }

    /// A guest finds their order by its number and the e-mail address it was placed with (compared without
    /// regard to case) and sees what its customer would see. A wrong number and a wrong address are the
    /// same `order_not_found`, so neither reveals which orders exist.
    public static func lookUp(number: String, email: String, on platform: Platform) async throws -> OrderDetails {
        try await platform.database.read { db in
            let given = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard !given.isEmpty else { throw OrdersError.orderNotFound }
            let order = try await platform.orders.order(number: number, on: db)
            guard order.email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == given else {
                throw OrdersError.orderNotFound
            }
            return try await assemble(order, forCustomer: true, on: platform, db: db)
        }
    }

    static func assemble(
        _ order: Order, forCustomer: Bool, on platform: Platform, db: any SQLDatabase
    ) async throws -> OrderDetails {
        let timeline = try await platform.orders.timeline(order.id, on: db)
        let payments = try await platform.payments.payments(forReference: order.id.rawValue, on: db)
        var refunds: [Refund] = []
        if !forCustomer {
            for payment in payments { refunds += try await platform.payments.refunds(of: payment.id, on: db) }
        }
        return OrderDetails(
            order: order, payments: payments, fulfilments: try await platform.orders.fulfilments(of: order.id, on: db),
            returns: try await platform.orders.returns(of: order.id, on: db),
            timeline: forCustomer ? timeline.filter(\.visibleToCustomer) : timeline,
            subOrders: try await platform.orders.subOrders(of: order.id, on: db), refunds: refunds, pickupCode: nil)
    }
}
