import Foundation
import Persistence
import SQLKit
import TorvCore

extension InventoryStore {
    static let movementColumns = """
        id, sku, location_id, reason, quantity, on_hand_after, document_id, reference, note, actor_kind, actor_id,
        occurred_at
        """

    /// Journals one change of on-hand stock; `level` is the row as the change left it.
    @discardableResult
    static func recordMovement(
        _ reason: StockMovementReason, _ quantity: Int, level: StockLevel, document: String, reference: String?,
        note: String?, actor: AuditActor, id: StockMovementID, now: Date, on db: any SQLDatabase
    ) async throws -> StockMovement {
        let movement = StockMovement(
            id: id, sku: level.sku, locationID: level.locationID, reason: reason, quantity: quantity,
            onHandAfter: level.onHand, document: document, reference: reference, note: note, actor: actor,
            occurredAt: now)
        try await db.raw(
            """
            INSERT INTO inventory_stock_movements (\(unsafeRaw: movementColumns))
            VALUES (\(bind: id.rawValue), \(bind: movement.sku), \(bind: movement.locationID.rawValue),
                    \(bind: reason.rawValue), \(bind: quantity), \(bind: level.onHand), \(bind: document),
                    \(bind: reference), \(bind: note), \(bind: actor.kind), \(bind: actor.id),
                    \(bind: now.epochMicroseconds))
            """
        ).run()
        return movement
    }

    static func movement(from row: any SQLRow) throws -> StockMovement {
        StockMovement(
            id: try row.id("id", as: StockMovementID.self, table: "inventory_stock_movements"),
            sku: try row.string("sku"),
            locationID: try row.id("location_id", as: StockLocationID.self, table: "inventory_stock_movements"),
            reason: try row.enumeration("reason", as: StockMovementReason.self, table: "inventory_stock_movements"),
            quantity: try row.int("quantity"), onHandAfter: try row.int("on_hand_after"),
            document: try row.string("document_id"), reference: try row.optionalString("reference"),
            note: try row.optionalString("note"),
            actor: AuditActor(kind: try row.string("actor_kind"), id: try row.string("actor_id")),
            occurredAt: try row.date("occurred_at"))
    }
}
