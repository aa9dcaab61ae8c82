import Foundation
import Persistence
import SQLKit
import TorvCore

extension PurchasingStore {
    static let supplierColumns = "id, name, email, currency, payment_terms_days, active, created_at, updated_at"

    static func supplier(from row: any SQLRow) throws -> Supplier {
        Supplier(
            id: try row.id("id", as: SupplierID.self, table: "purchasing_suppliers"), name: try row.string("name"),
            email: try row.string("email"), currency: try row.currency("currency"),
            paymentTermsDays: try row.int("payment_terms_days"), isActive: try row.flag("active"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func supplier(_ id: SupplierID, on db: any SQLDatabase) async throws -> Supplier? {
        try await db.raw(
            "SELECT \(unsafeRaw: supplierColumns) FROM purchasing_suppliers WHERE id = \(bind: id.rawValue)"
        ).first().map(supplier(from:))
    }

    /// Inserts unless the name is taken (nil then): the UNIQUE key decides, even between two at once.
    static func insert(_ supplier: Supplier, nameKey: String, on db: any SQLDatabase) async throws -> Bool {
        let now = supplier.createdAt.epochMicroseconds
        return try await db.raw(
            """
            INSERT INTO purchasing_suppliers (\(unsafeRaw: supplierColumns), name_key)
            VALUES (\(bind: supplier.id.rawValue), \(bind: supplier.name), \(bind: supplier.email),
                    \(bind: supplier.currency.code), \(bind: supplier.paymentTermsDays),
                    \(bind: supplier.isActive ? 1 : 0), \(bind: now), \(bind: now), \(bind: nameKey))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    static func nameTaken(_ nameKey: String, except id: SupplierID?, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            SELECT id FROM purchasing_suppliers
            WHERE name_key = \(bind: nameKey) AND id <> \(bind: id?.rawValue ?? "")
            """
        ).first() != nil
    }

    /// Whether anything is priced or ordered in the supplier's current currency.
    static func hasCurrencyHistory(_ id: SupplierID, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            SELECT 1 AS found FROM purchasing_supplier_prices WHERE supplier_id = \(bind: id.rawValue)
            UNION ALL
            SELECT 1 AS found FROM purchasing_orders WHERE supplier_id = \(bind: id.rawValue)
            UNION ALL
            SELECT 1 AS found FROM purchasing_bills WHERE supplier_id = \(bind: id.rawValue)
            """
        ).first() != nil
    }

    static func update(
        _ id: SupplierID, to draft: SupplierDraft, nameKey: String, now: Date, on db: any SQLDatabase
    ) async throws -> Supplier? {
        try await db.raw(
            """
            UPDATE purchasing_suppliers SET
                name = \(bind: draft.name), name_key = \(bind: nameKey), email = \(bind: draft.email),
                currency = \(bind: draft.currency.code), payment_terms_days = \(bind: draft.paymentTermsDays),
                active = \(bind: draft.isActive ? 1 : 0), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue)
            RETURNING \(unsafeRaw: supplierColumns)
            """
        ).first().map(supplier(from:))
    }

    static func suppliers(includingInactive: Bool, on db: any SQLDatabase) async throws -> [Supplier] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: supplierColumns) FROM purchasing_suppliers
            WHERE active = 1 OR \(bind: includingInactive ? 1 : 0) = 1
            ORDER BY name_key, id
            """
        ).all().map(supplier(from:))
    }
}
