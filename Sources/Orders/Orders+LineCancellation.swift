import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Cancels every unit of `lineIDs` that is not in a fulfilment — a marketplace seller cancelling their
    /// part of a paid order while the rest of it goes ahead. Under the order's row lock; a line with units in
    /// a fulfilment is refused whole (`already_shipped`), so nothing is half-cancelled. When no unit of the
    /// order is left, the order is cancelled; otherwise its status follows what is left (the rest may all
    /// have shipped already). The refund is the caller's, in the same transaction.
    public func cancelUnfulfilled(
        _ orderID: OrderID, lines lineIDs: [OrderLineID], reason: String, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> Order {
        let reason = Self.trimmed(reason)
        var validator = Validator()
        validator.requireText(reason, at: "/reason", maximum: 1000)
        try validator.finish()
        let now = self.now
        return try await Savepoint.atomically("orders_cancel_lines", on: db) {
            guard let order = try await OrdersStore.lockedOrder(orderID, on: db) else {
                throw OrdersError.orderNotFound
            }
            guard OrderStateMachine.fulfillable.contains(order.status) else {
                throw OrdersError.invalidOrderTransition(from: order.status, to: .cancelled)
            }
            for lineID in lineIDs {
                let cancelled = try await db.raw(
                    """
                    UPDATE order_lines SET cancelled_quantity = quantity
                    WHERE id = \(bind: lineID.rawValue) AND order_id = \(bind: orderID.rawValue)
                      AND fulfilled_quantity = 0 AND cancelled_quantity < quantity
                    RETURNING id
                    """
                ).first()
                guard cancelled != nil else { throw OrdersError.alreadyShipped }
            }
            _ = try await addNote(
                orderID, text: "Items cancelled by their seller: \(reason)", visibleToCustomer: true, by: actor, on: db)
            let current = try await self.order(orderID, on: db)
            if current.lines.allSatisfy({ $0.cancelledQuantity == $0.quantity }) {
                return try await move(current, to: .cancelled, reason: reason, now: now, on: db)
            }
            for next in try await settleStatus(of: orderID, now: now, on: db) {
                try await recordStatus(next, of: orderID, by: actor, now: now, on: db)
            }
            return try await self.order(orderID, on: db)
        }
    }
}
