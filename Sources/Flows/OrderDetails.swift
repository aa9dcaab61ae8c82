import Foundation
public import Orders
public import Payments
import Persistence
public import TorvCore

/// An order with everything around it — payments, fulfilments, returns, timeline — read in one
/// snapshot. A customer sees only their own orders and only the timeline entries meant for them.
public struct OrderDetails: Sendable {
    public var order: Order
    public var payments: [Payment]
    public var fulfilments: [Fulfilment]
    public var returns: [OrderReturn]
    public var timeline: [OrderTimelineEntry]
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
            let timeline = try await platform.orders.timeline(id, on: db)
            return OrderDetails(
                order: order, payments: try await platform.payments.payments(forReference: id.rawValue, on: db),
                fulfilments: try await platform.orders.fulfilments(of: id, on: db),
                returns: try await platform.orders.returns(of: id, on: db),
                timeline: customer == nil ? timeline : timeline.filter(\.visibleToCustomer), pickupCode: nil)
        }
    }
}
