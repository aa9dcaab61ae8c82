import Foundation
import Persistence
import SQLKit
import TorvCore

extension OrdersStore {
    static func insert(_ subOrder: SubOrder, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO order_sub_orders (
                id, order_id, number, seller_id, status, line_ids, currency, goods, shipping, fee, seller_net,
                created_at, updated_at)
            VALUES (
                \(bind: subOrder.id.rawValue), \(bind: subOrder.orderID.rawValue), \(bind: subOrder.number),
                \(bind: subOrder.sellerID), \(bind: subOrder.status.rawValue),
                \(bind: try json(subOrder.lineIDs.map(\.rawValue))), \(bind: subOrder.goods.currency.code),
                \(bind: subOrder.goods.amount), \(bind: subOrder.shipping.amount), \(bind: subOrder.fee.amount),
                \(bind: subOrder.sellerNet.amount), \(bind: subOrder.createdAt.epochMicroseconds),
                \(bind: subOrder.updatedAt.epochMicroseconds))
            """
        ).run()
    }

    static func subOrders(
        where condition: SQLQueryString, limit: Int = 1_000, on db: any SQLDatabase
    ) async throws -> [SubOrder] {
        try await db.raw("SELECT * FROM order_sub_orders WHERE \(condition) ORDER BY id LIMIT \(bind: limit)").all()
            .map(subOrder)
    }

    static func subOrder(_ row: any SQLRow) throws -> SubOrder {
        let currency = try row.currency("currency")
        let table = "order_sub_orders"
        return SubOrder(
            id: try row.id("id", as: SubOrderID.self, table: table),
            orderID: try row.id("order_id", as: OrderID.self, table: table), number: try row.string("number"),
            sellerID: try row.string("seller_id"),
            status: try row.enumeration("status", as: SubOrderStatus.self, table: table),
            lineIDs: try decode([String].self, try row.string("line_ids"), table: table).map {
                guard let id = OrderLineID($0) else {
                    throw PersistenceError.corruptRow(table: table, detail: "bad line ID")
                }
                return id
            },
            goods: try money(row, "goods", currency), shipping: try money(row, "shipping", currency),
            fee: try money(row, "fee", currency), sellerNet: try money(row, "seller_net", currency),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            deliveredAt: try row.optionalDate("delivered_at"), shippedAt: try row.optionalDate("shipped_at"))
    }

    /// Moves a sub-order from one of `from` to `to`; nil when it was not in one of them (someone else
    /// moved it first), so the caller's follow-up happens once.
    static func moveSubOrder(
        _ id: SubOrderID, from: [SubOrderStatus], to: SubOrderStatus, now: Date, on db: any SQLDatabase
    ) async throws -> SubOrder? {
        let delivered = to == .delivered ? now.epochMicroseconds : nil
        let shipped = to == .shipped ? now.epochMicroseconds : nil
        return try await db.raw(
            """
            UPDATE order_sub_orders SET status = \(bind: to.rawValue), updated_at = \(bind: now.epochMicroseconds),
                delivered_at = COALESCE(\(bind: delivered), delivered_at),
                shipped_at = COALESCE(\(bind: shipped), shipped_at)
            WHERE id = \(bind: id.rawValue) AND status IN (\(binds: from.map(\.rawValue)))
            RETURNING *
            """
        ).first().map(subOrder)
    }
}
