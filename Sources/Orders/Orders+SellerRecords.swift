public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// A seller's sub-orders placed from `since` up to and including `until`, with the units of their lines returned, in one query
    /// (bounded: a scorecard window of a very busy seller reads at most `limit` rows).
    public func subOrderRecords(
        ofSeller sellerID: String, placedFrom since: Date, until: Date, limit: Int = 100_000,
        on db: any SQLDatabase
    ) async throws -> [SubOrderRecord] {
        let table = "order_sub_orders"
        return try await db.raw(
            """
            SELECT s.id, s.status, s.created_at, s.shipped_at, s.delivered_at,
                (SELECT CAST(COALESCE(SUM(l.returned_quantity), 0) AS BIGINT) FROM order_lines l
                 WHERE l.order_id = s.order_id AND l.seller_id = s.seller_id) AS returned_units
            FROM order_sub_orders s
            WHERE s.seller_id = \(bind: sellerID) AND s.created_at >= \(bind: since.epochMicroseconds)
                AND s.created_at <= \(bind: until.epochMicroseconds)
            ORDER BY s.created_at LIMIT \(bind: limit)
            """
        ).all().map { row in
            SubOrderRecord(
                id: try row.id("id", as: SubOrderID.self, table: table),
                status: try row.enumeration("status", as: SubOrderStatus.self, table: table),
                placedAt: try row.date("created_at"), shippedAt: try row.optionalDate("shipped_at"),
                deliveredAt: try row.optionalDate("delivered_at"), returnedUnits: try row.int("returned_units"))
        }
    }
}

extension Orders {
    /// Any seller's sub-order, for flows that then check whose it is (the buyer's own order, say).
    public func subOrder(_ id: SubOrderID, on db: any SQLDatabase) async throws -> SubOrder {
        guard let found = try await OrdersStore.subOrders(where: "id = \(bind: id.rawValue)", on: db).first else {
            throw OrdersError.subOrderNotFound
        }
        return found
    }
}
