import Foundation
import Persistence
import SQLKit
import TorvCore

extension OrdersStore {
    /// Records the payment of a placed order, once: false when the order is not `placed` or already has a
    /// payment.
    static func markPaid(_ id: OrderID, paymentID: String, now: Date, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE orders SET status = 'paid', payment_id = \(bind: paymentID), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'placed' AND payment_id IS NULL
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Cancels every open fulfilment of an order and every unshipped unit. Returns the number of lines
    /// changed, which is all of them unless something shipped meanwhile.
    static func cancelUnits(of id: OrderID, now: Date, on db: any SQLDatabase) async throws -> Int {
        try await db.raw(
            """
            UPDATE order_fulfilments SET status = 'cancelled', updated_at = \(bind: now.epochMicroseconds)
            WHERE order_id = \(bind: id.rawValue) AND status IN ('pending', 'picked', 'packed', 'ready_for_pickup')
            """
        ).run()
        return try await db.raw(
            """
            UPDATE order_lines SET fulfilled_quantity = 0, cancelled_quantity = quantity
            WHERE order_id = \(bind: id.rawValue) AND shipped_quantity = 0
            RETURNING id
            """
        ).all().count
    }
}
