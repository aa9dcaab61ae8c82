import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Statuses from which a customer may still cancel: nobody has started preparing the order.
    public static let customerCancellable: Set<OrderStatus> = [.awaitingApproval, .placed, .paid]

    /// The customer cancels their own order, only while nothing has been picked or shipped: it is awaiting
    /// approval, placed or paid, and no fulfilment was started (a cancelled one does not count). Staff may
    /// cancel later (``cancel(_:reason:by:on:)``), up to the first shipment.
    ///
    /// Another customer's order is `order_not_found`, exactly as a missing one; an order already in
    /// preparation is `order_not_cancellable`. Checked under the order's row lock, so a fulfilment started
    /// concurrently either comes first and refuses the cancellation, or finds the order cancelled.
    @discardableResult
    public func cancel(
        _ id: OrderID, ofCustomer customerID: String, reason: String, on db: any SQLDatabase
    ) async throws -> CancelledOrder {
        try await Savepoint.atomically("orders_customer_cancel", on: db) {
            guard let order = try await OrdersStore.lockedOrder(id, on: db), order.customerID == customerID else {
                throw OrdersError.orderNotFound
            }
            guard Self.customerCancellable.contains(order.status),
                try await fulfilments(of: id, on: db).allSatisfy({ $0.status == .cancelled })
            else { throw OrdersError.orderNotCancellable(status: order.status) }
            return try await cancel(id, reason: reason, by: AuditActor(kind: "customer", id: customerID), on: db)
        }
    }
}
