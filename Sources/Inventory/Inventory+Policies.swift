import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Inventory {
    /// The SKU's stock rules; a SKU Inventory has never seen refuses to oversell and has no threshold.
    public func policy(for sku: String, on db: any SQLDatabase) async throws -> StockPolicy {
        try await InventoryStore.policies(for: [sku], on: db)[sku] ?? StockPolicy(sku: sku)
    }

    /// Sets a SKU's backorder or pre-order rule and low-stock threshold.
    ///
    /// The new minimum is copied onto every level of the SKU in the same transaction. Tightening it
    /// below what is already backordered somewhere is refused with `backorders_outstanding`: those
    /// orders exist, and the CHECK constraint would otherwise be violated.
    public func setPolicy(
        _ policy: StockPolicy, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> StockPolicy
    {
        var validator = Validator()
        validator.checkSKU(policy.sku, at: "/sku")
        let range = 0...Self.maximumQuantity
        switch policy.whenOutOfStock {
        case .refuse: break
        case .backorder(let limit), .preorder(_, let limit):
            validator.check(
                limit.map(range.contains) ?? true, "/limit", "must be between 0 and \(Self.maximumQuantity)",
                code: "invalid_limit")
        }
        validator.check(
            policy.lowStockThreshold.map(range.contains) ?? true, "/low_stock_threshold",
            "must be between 0 and \(Self.maximumQuantity)", code: "invalid_threshold")
        try validator.finish()

        let now = self.now
        return try await Savepoint.atomically("inventory_policy", on: db) {
            try await InventoryStore.upsert(policy, now: now, on: db)
            let stuck = try await InventoryStore.applyMinimum(
                policy.whenOutOfStock.minimumAvailable, to: policy.sku, now: now, on: db)
            if let level = stuck.first {
                throw InventoryError.backordersOutstanding(
                    sku: policy.sku, location: level.locationID, available: level.available)
            }
            try await audit.record(
                "stock_policy.set", by: actor, target: ("sku", policy.sku),
                detail: [
                    "when_out_of_stock": Self.describe(policy.whenOutOfStock),
                    "low_stock_threshold": policy.lowStockThreshold.map(String.init) ?? "",
                ], on: db)
            return policy
        }
    }

    /// `"backorder, limit 5"`, `"preorder from 2027-03-01T00:00:00.000Z, no limit"`, for audit details.
    static func describe(_ rule: OutOfStockRule) -> String {
        func limit(_ value: Int?) -> String { value.map { "limit \($0)" } ?? "no limit" }
        return switch rule {
        case .refuse: "refuse"
        case .backorder(let value): "backorder, \(limit(value))"
        case .preorder(let date, let value): "preorder from \(EventJSON.format(date)), \(limit(value))"
        }
    }
}
