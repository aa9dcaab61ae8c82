import Foundation
import Persistence
import SQLKit
import TorvCore

extension OrdersStore {
    static func appendTimeline(_ entry: OrderTimelineEntry, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO order_events
                (id, order_id, kind, message, visible_to_customer, actor_kind, actor_id, request_id, occurred_at)
            VALUES (\(bind: entry.id.rawValue), \(bind: entry.orderID.rawValue), \(bind: entry.kind),
                    \(bind: entry.message), \(bind: entry.visibleToCustomer ? 1 : 0), \(bind: entry.actor.kind),
                    \(bind: entry.actor.id), \(bind: entry.actor.requestID), \(bind: entry.occurredAt.epochMicroseconds))
            """
        ).run()
    }

    static func timeline(
        of id: OrderID, customerVisibleOnly: Bool, on db: any SQLDatabase
    ) async throws -> [OrderTimelineEntry] {
        try await db.raw(
            """
            SELECT id, order_id, kind, message, visible_to_customer, actor_kind, actor_id, request_id, occurred_at
            FROM order_events
            WHERE order_id = \(bind: id.rawValue) AND (visible_to_customer = 1 OR \(bind: customerVisibleOnly ? 0 : 1) = 1)
            ORDER BY id
            """
        ).all().map { row in
            OrderTimelineEntry(
                id: try row.id("id", as: OrderEventID.self, table: "order_events"),
                orderID: try row.id("order_id", as: OrderID.self, table: "order_events"),
                kind: try row.string("kind"), message: try row.optionalString("message"),
                visibleToCustomer: try row.flag("visible_to_customer"),
                actor: AuditActor(
                    kind: try row.string("actor_kind"), id: try row.string("actor_id"),
                    requestID: try row.optionalString("request_id")),
                occurredAt: try row.date("occurred_at"))
        }
    }
}
