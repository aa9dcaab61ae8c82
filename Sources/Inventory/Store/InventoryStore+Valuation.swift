import Foundation
import Persistence
import SQLKit
import TorvCore

/// Moving average cost, kept per SKU in one row and changed by single UPDATEs whose SET expressions
/// read the row as it was (on both backends), so the cost of goods out is computed under the row lock.
extension InventoryStore {
    /// Values a change of `quantity` units (positive in, negative out) and returns its value at cost,
    /// signed like the change; nil when the SKU has no cost yet. Goods in without `unitCost` come in at
    /// the current average; goods out take value × n / quantity rounded half up (the last unit takes
    /// what is left, so quantity 0 means value 0), and units beyond the valued quantity (backorders)
    /// the last average.
    static func value(
        _ quantity: Int, of sku: String, unitCost: Money?, now: Date, on db: any SQLDatabase
    ) async throws -> Money? {
        if let row = try await valueChange(quantity, of: sku, unitCost: unitCost, now: now, on: db) {
            return row
        }
        // First movement of this SKU, or a receipt in another currency than its valuation's.
        let existing = try await db.raw("SELECT currency FROM inventory_valuations WHERE sku = \(bind: sku)").first()
        if existing != nil, let unitCost {
            throw ValidationError([
                FieldError(
                    pointer: "/unit_cost",
                    message:
                        "is in \(unitCost.currency.code), but \(sku) is valued in \(try existing?.optionalString("currency") ?? "another currency")",
                    code: "cost_currency_mismatch")
            ])
        }
        if existing == nil {
            try await db.raw(
                """
                INSERT INTO inventory_valuations (sku, currency, quantity, value, unit_cost, last_change, updated_at)
                VALUES (\(bind: sku), NULL, 0, 0, 0, 0, \(bind: now.epochMicroseconds)) ON CONFLICT (sku) DO NOTHING
                """
            ).run()
        }
        guard let valued = try await valueChange(quantity, of: sku, unitCost: unitCost, now: now, on: db) else {
            throw PersistenceError.corruptRow(table: "inventory_valuations", detail: "no valuation for \(sku)")
        }
        return valued
    }

    /// nil when no row matched (none yet, or a cost in another currency).
    private static func valueChange(
        _ quantity: Int, of sku: String, unitCost: Money?, now: Date, on db: any SQLDatabase
    ) async throws -> Money?? {
        let q = Int64(quantity)
        let update: SQLQueryString
        if q > 0, let unitCost {
            let c = unitCost.amount
            update = """
                UPDATE inventory_valuations SET
                    currency = \(bind: unitCost.currency.code),
                    last_change = \(bind: q * c),
                    value = value + \(bind: q * c),
                    quantity = quantity + \(bind: q),
                    unit_cost = CASE WHEN quantity + \(bind: q) > 0 AND value + \(bind: q * c) >= 0
                                     THEN (value + \(bind: q * c)) / (quantity + \(bind: q)) ELSE \(bind: c) END,
                    updated_at = \(bind: now.epochMicroseconds)
                WHERE sku = \(bind: sku) AND (currency IS NULL OR currency = \(bind: unitCost.currency.code))
                RETURNING currency, last_change
                """
        } else if q > 0 {
            update = """
                UPDATE inventory_valuations SET
                    last_change = \(bind: q) * unit_cost,
                    value = value + \(bind: q) * unit_cost,
                    quantity = quantity + \(bind: q),
                    updated_at = \(bind: now.epochMicroseconds)
                WHERE sku = \(bind: sku)
                RETURNING currency, last_change
                """
        } else {
            let n = -q
            let cost: SQLQueryString = """
                (CASE WHEN quantity >= \(bind: n) THEN (2 * value * \(bind: n) + quantity) / (2 * quantity)
                      WHEN quantity > 0 THEN value + (\(bind: n) - quantity) * unit_cost
                      ELSE \(bind: n) * unit_cost END)
                """
            update =
                "UPDATE inventory_valuations SET last_change = -" + cost + ", value = value - " + cost
                    + """
                    , quantity = quantity - \(bind: n), updated_at = \(bind: now.epochMicroseconds)
                    WHERE sku = \(bind: sku)
                    RETURNING currency, last_change
                    """
        }
        guard let row = try await db.raw(update).first() else { return nil }
        guard let code = try row.optionalString("currency"), let currency = Currency(code: code) else {
            return .some(nil)
        }
        return .some(Money(minorUnits: try row.decode(column: "last_change", as: Int64.self), currency: currency))
    }

    static func valuations(_ skus: [String]?, on db: any SQLDatabase) async throws -> [StockValuation] {
        let filter: SQLQueryString = skus.map { "WHERE sku IN (\(binds: $0))" } ?? ""
        return try await db.raw(
            "SELECT sku, currency, quantity, value, unit_cost FROM inventory_valuations " + filter + " ORDER BY sku"
        ).all().map { row in
            let currency = try row.optionalString("currency").flatMap(Currency.init(code:))
            let value = try row.decode(column: "value", as: Int64.self)
            let unitCost = try row.decode(column: "unit_cost", as: Int64.self)
            return StockValuation(
                sku: try row.string("sku"), quantity: try row.int("quantity"),
                value: currency.map { Money(minorUnits: value, currency: $0) },
                unitCost: currency.map { Money(minorUnits: unitCost, currency: $0) })
        }
    }
}
