import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// Writes a draft order numbered from the series (`PO-000001`), in the supplier's currency. Lines
    /// without a unit cost take the supplier's price list cost; a SKU with neither is refused, as is a
    /// quantity under the supplier's minimum.
    public func createOrder(
        _ draft: PurchaseOrderDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PurchaseOrder {
        let (supplier, lines) = try await resolve(draft, on: db)
        let now = self.now
        let id = PurchaseOrderID.generate(ids, at: now)
        return try await Savepoint.atomically("purchasing_order", on: db) {
            let number = try await PurchasingStore.nextOrderNumber(on: db)
            try await PurchasingStore.insertOrder(
                id: id, number: number, draft: draft, currency: supplier.currency, now: now, on: db)
            try await PurchasingStore.insertLines(lines, of: id, on: db)
            try await audit.record(
                "purchase_order.created", by: actor, target: ("purchase_order", id.rawValue),
                detail: ["number": number, "supplier_id": supplier.id.rawValue, "lines": Self.summary(lines)], on: db)
            return try await order(id, on: db)
        }
    }

    /// Replaces a draft order's supplier, destination, lines, expected date and note. Only drafts can
    /// be edited: once sent, the supplier has the order as it was.
    public func updateOrder(
        _ id: PurchaseOrderID, to draft: PurchaseOrderDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PurchaseOrder {
        let (supplier, lines) = try await resolve(draft, on: db)
        let now = self.now
        return try await Savepoint.atomically("purchasing_order", on: db) {
            try await PurchasingStore.lock(id, for: .edit, now: now, on: db)
            try await db.raw(
                """
                UPDATE purchasing_orders SET supplier_id = \(bind: supplier.id.rawValue),
                    currency = \(bind: supplier.currency.code),
                    destination_location_id = \(bind: draft.destinationLocationID),
                    expected_override = \(bind: draft.expectedAt?.epochMicroseconds), note = \(bind: draft.note)
                WHERE id = \(bind: id.rawValue) AND status = 'draft'
                """
            ).run()
            try await db.raw("DELETE FROM purchasing_order_lines WHERE order_id = \(bind: id.rawValue)").run()
            try await PurchasingStore.insertLines(lines, of: id, on: db)
            try await audit.record(
                "purchase_order.updated", by: actor, target: ("purchase_order", id.rawValue),
                detail: ["supplier_id": supplier.id.rawValue, "lines": Self.summary(lines)], on: db)
            return try await order(id, on: db)
        }
    }

    /// Checks a draft and prices its lines, reporting every problem at once.
    func resolve(_ draft: PurchaseOrderDraft, on db: any SQLDatabase) async throws -> (Supplier, [PurchaseOrderLine]) {
        var validator = Validator()
        let supplier = try await PurchasingStore.supplier(draft.supplierID, on: db)
        if supplier == nil {
            validator.add(PurchasingError.unknownSupplier, at: "/supplier_id")
        } else if supplier?.isActive == false {
            validator.add(PurchasingError.supplierInactive, at: "/supplier_id")
        }
        let location = Self.trimmed(draft.destinationLocationID)
        if location.isEmpty || location != draft.destinationLocationID || location.count > 200 {
            validator.add(PurchasingError.locationRequired, at: "/destination_location_id")
        }
        validator.checkText(draft.note, maximum: 2000, at: "/note")
        validator.checkLineCount(draft.lines.count)
        let prices: [String: SupplierPrice] =
            if let supplier {
                Dictionary(
                    try await PurchasingStore.prices(of: supplier.id, skus: Array(Set(draft.lines.map(\.sku))), on: db)
                        .map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
            } else { [:] }
        var seen: Set<String> = []
        var lines: [PurchaseOrderLine] = []
        let now = self.now
        for (index, line) in draft.lines.enumerated() {
            validator.checkSKU(line.sku, at: Self.pointer("lines", index, "sku"))
            validator.checkQuantity(line.quantity, at: Self.pointer("lines", index, "quantity"))
            if !seen.insert(line.sku).inserted {
                validator.add(PurchasingError.duplicateLine, at: Self.pointer("lines", index, "sku"))
            }
            guard let supplier else { continue }
            // A listed price only counts in the supplier's current currency.
            let listed = prices[line.sku].flatMap { $0.unitCost.currency == supplier.currency ? $0 : nil }
            if let minimum = listed?.minimumOrderQuantity, line.quantity >= 1, line.quantity < minimum {
                validator.add(
                    PurchasingError.belowMinimumOrderQuantity(minimum: minimum),
                    at: Self.pointer("lines", index, "quantity"))
            }
            guard let cost = line.unitCost ?? listed?.unitCost else {
                validator.add(
                    PurchasingError.noSupplierCost(sku: line.sku), at: Self.pointer("lines", index, "unit_cost"))
                continue
            }
            validator.checkUnitCost(cost, in: supplier.currency, at: Self.pointer("lines", index, "unit_cost"))
            lines.append(
                PurchaseOrderLine(
                    id: PurchaseOrderLineID.generate(ids, at: now), sku: line.sku, quantity: line.quantity,
                    unitCost: cost, leadTimeDays: listed?.leadTimeDays ?? 0, receivedQuantity: 0, returnedQuantity: 0,
                    billedQuantity: 0))
        }
        try validator.finish()
        guard let supplier else { throw PurchasingError.supplierNotFound }
        return (supplier, lines)
    }

    /// `"SKU-1×3,SKU-2×1"`, for audit details.
    static func summary(_ lines: [PurchaseOrderLine]) -> String {
        lines.map { "\($0.sku)×\($0.quantity)" }.joined(separator: ",")
    }
}
