import Foundation
import Persistence
import SQLKit
import TorvCore

extension InventoryStore {
    static let movementColumns = """
        id, sku, location_id, reason, quantity, on_hand_after, document_id, reference, note, actor_kind, actor_id,
        occurred_at, value, currency
        """

    /// Journals one change of on-hand stock, valued at moving average cost (goods in at `unitCost` when
    /// given); `level` is the row as the change left it. Transfers move units, not value.
    @discardableResult
    static func recordMovement(
        _ reason: StockMovementReason, _ quantity: Int, level: StockLevel, document: String, reference: String?,
        note: String?, actor: AuditActor, id: StockMovementID, now: Date, unitCost: Money? = nil,
        on db: any SQLDatabase
    ) async throws -> StockMovement {
        let value: Money? =
            switch reason {
            case .transferIn, .transferOut: nil
            default: try await InventoryStore.value(quantity, of: level.sku, unitCost: unitCost, now: now, on: db)
            }
        let movement = StockMovement(
            id: id, sku: level.sku, locationID: level.locationID, reason: reason, quantity: quantity,
            onHandAfter: level.onHand, document: document, reference: reference, note: note, actor: actor,
            occurredAt: now, value: value)
        try await db.raw(
            """
            INSERT INTO inventory_stock_movements (\(unsafeRaw: movementColumns))
            VALUES (\(bind: id.rawValue), \(bind: movement.sku), \(bind: movement.locationID.rawValue),
                    \(bind: reason.rawValue), \(bind: quantity), \(bind: level.onHand), \(bind: document),
                    \(bind: reference), \(bind: note), \(bind: actor.kind), \(bind: actor.id),
                    \(bind: now.epochMicroseconds), \(bind: value?.amount), \(bind: value?.currency.code))
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
            occurredAt: try row.date("occurred_at"),
            value: try row.optionalString("currency").flatMap(Currency.init(code:)).map {
                Money(minorUnits: try row.decode(column: "value", as: Int64?.self) ?? 0, currency: $0)
            })
    }
}
