import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// Sets (inserts or replaces) what a supplier charges for a SKU, in the supplier's currency.
    public func setPrice(
        _ draft: SupplierPriceDraft, for supplierID: SupplierID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SupplierPrice {
        let supplier = try await supplier(supplierID, on: db)
        var validator = Validator()
        validator.checkSKU(draft.sku, at: "/sku")
        validator.checkUnitCost(draft.unitCost, in: supplier.currency, at: "/unit_cost")
        if !(1...Self.maximumQuantity).contains(draft.minimumOrderQuantity) {
            validator.add(PurchasingError.invalidMinimumOrderQuantity, at: "/minimum_order_quantity")
        }
        if !(0...365).contains(draft.leadTimeDays) {
            validator.add(PurchasingError.invalidLeadTime, at: "/lead_time_days")
        }
        try validator.finish()
        return try await Savepoint.atomically("purchasing_price", on: db) {
            let price = try await PurchasingStore.upsert(draft, for: supplierID, now: now, on: db)
            try await audit.record(
                "supplier.price_set", by: actor, target: ("supplier", supplierID.rawValue),
                detail: [
                    "sku": draft.sku, "unit_cost": draft.unitCost.description,
                    "minimum_order_quantity": String(draft.minimumOrderQuantity),
                    "lead_time_days": String(draft.leadTimeDays),
                ], on: db)
            return price
        }
    }

    /// Removes a SKU from a supplier's price list; orders already written keep their cost.
    public func removePrice(
        of sku: String, from supplierID: SupplierID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws {
        _ = try await supplier(supplierID, on: db)
        try await Savepoint.atomically("purchasing_price", on: db) {
            let removed = try await db.raw(
                """
                DELETE FROM purchasing_supplier_prices
                WHERE supplier_id = \(bind: supplierID.rawValue) AND sku = \(bind: sku) RETURNING sku
                """
            ).first()
            if removed != nil {
                try await audit.record(
                    "supplier.price_removed", by: actor, target: ("supplier", supplierID.rawValue),
                    detail: ["sku": sku], on: db)
            }
        }
    }

    /// A supplier's price list by SKU.
    public func priceList(of supplierID: SupplierID, on db: any SQLDatabase) async throws -> [SupplierPrice] {
        _ = try await supplier(supplierID, on: db)
        return try await PurchasingStore.prices(of: supplierID, on: db)
    }

    /// Where to buy `sku`: the cheapest entry of an active supplier, ties going to the shorter lead time
    /// (see ``SourceChoice``). Nil when no active supplier prices it. Prices in different currencies are
    /// not compared: with `currency` nil and entries in several, it throws `sources_in_several_currencies`.
    public func bestSource(
        for sku: String, in currency: Currency? = nil, on db: any SQLDatabase
    ) async throws -> SupplierPrice? {
        var entries = try await PurchasingStore.activeSources(for: sku, on: db)
        if let currency {
            entries = entries.filter { $0.unitCost.currency == currency }
        } else {
            let currencies = Set(entries.map(\.unitCost.currency.code))
            if currencies.count > 1 {
                throw PurchasingError.sourcesInSeveralCurrencies(sku: sku, currencies: currencies.sorted())
            }
        }
        return SourceChoice.best(among: entries)
    }
}
