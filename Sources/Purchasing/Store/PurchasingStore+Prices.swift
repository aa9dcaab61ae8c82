import Foundation
import Persistence
import SQLKit
import TorvCore

extension PurchasingStore {
    static let priceColumns =
        "supplier_id, sku, unit_cost, currency, minimum_order_quantity, lead_time_days, updated_at"

    static func price(from row: any SQLRow) throws -> SupplierPrice {
        SupplierPrice(
            supplierID: try row.id("supplier_id", as: SupplierID.self, table: "purchasing_supplier_prices"),
            sku: try row.string("sku"), unitCost: try money(row, "unit_cost", try row.currency("currency")),
            minimumOrderQuantity: try row.int("minimum_order_quantity"), leadTimeDays: try row.int("lead_time_days"),
            updatedAt: try row.date("updated_at"))
    }

    static func upsert(
        _ draft: SupplierPriceDraft, for supplierID: SupplierID, now: Date, on db: any SQLDatabase
    ) async throws -> SupplierPrice {
        guard
            let row = try await db.raw(
                """
                INSERT INTO purchasing_supplier_prices (\(unsafeRaw: priceColumns))
                VALUES (\(bind: supplierID.rawValue), \(bind: draft.sku), \(bind: draft.unitCost.amount),
                        \(bind: draft.unitCost.currency.code), \(bind: draft.minimumOrderQuantity),
                        \(bind: draft.leadTimeDays), \(bind: now.epochMicroseconds))
                ON CONFLICT (supplier_id, sku) DO UPDATE SET
                    unit_cost = excluded.unit_cost, currency = excluded.currency,
                    minimum_order_quantity = excluded.minimum_order_quantity,
                    lead_time_days = excluded.lead_time_days, updated_at = excluded.updated_at
                RETURNING \(unsafeRaw: priceColumns)
                """
            ).first()
        else {
            throw PersistenceError.corruptRow(table: "purchasing_supplier_prices", detail: "upsert returned nothing")
        }
        return try price(from: row)
    }

    static func prices(
        of supplierID: SupplierID, skus: [String]? = nil, on db: any SQLDatabase
    ) async throws
        -> [SupplierPrice]
    {
        if let skus, skus.isEmpty { return [] }
        let filter: SQLQueryString =
            if let skus { "AND sku IN (\(binds: skus))" } else { "" }
        return try await db.raw(
            """
            SELECT \(unsafeRaw: priceColumns) FROM purchasing_supplier_prices
            WHERE supplier_id = \(bind: supplierID.rawValue) \(filter)
            ORDER BY sku
            """
        ).all().map(price(from:))
    }

    /// Entries for `sku` from active suppliers, each in its supplier's current currency.
    static func activeSources(for sku: String, on db: any SQLDatabase) async throws -> [SupplierPrice] {
        try await db.raw(
            """
            SELECT p.supplier_id, p.sku, p.unit_cost, p.currency, p.minimum_order_quantity, p.lead_time_days,
                   p.updated_at
            FROM purchasing_supplier_prices p
            JOIN purchasing_suppliers s ON s.id = p.supplier_id
            WHERE p.sku = \(bind: sku) AND s.active = 1 AND s.currency = p.currency
            ORDER BY p.unit_cost, p.lead_time_days, p.supplier_id
            """
        ).all().map(price(from:))
    }
}
