public import Catalog
import Foundation
public import Inventory
public import Persistence
public import Purchasing
public import SQLKit
public import TorvCore

/// Buying in across purchasing, catalog and stock. Purchasing knows orders and receipts, Inventory
/// knows shelves: a delivery booked against an order and the stock it brings in commit together (so
/// neither ever shows goods the other has not booked), and a return to the supplier takes the goods out
/// of stock in the same transaction. The books follow from the events: the receipt at its cost against
/// goods received not billed, the return back out of it.
public struct Purchases: Sendable {
    let purchasing: Purchasing
    let inventory: Inventory
    let catalog: Catalog

    public init(purchasing: Purchasing, inventory: Inventory, catalog: Catalog) {
        self.purchasing = purchasing
        self.inventory = inventory
        self.catalog = catalog
    }

    /// A draft order for goods the catalog sells, to a stock location that exists.
    public func createOrder(
        _ draft: PurchaseOrderDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PurchaseOrder {
        try await checkReferences(of: draft, on: db)
        return try await purchasing.createOrder(draft, by: actor, on: db)
    }

    public func updateOrder(
        _ id: PurchaseOrderID, to draft: PurchaseOrderDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PurchaseOrder {
        try await checkReferences(of: draft, on: db)
        return try await purchasing.updateOrder(id, to: draft, by: actor, on: db)
    }

    /// Books a delivery against the order and puts the goods on the shelf at their cost.
    public func receive(
        _ request: GoodsReceiptRequest, against orderID: PurchaseOrderID, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> GoodsReceipt {
        let location = try await stockLocation(request.locationID, at: "/location_id", on: db)
        return try await Savepoint.atomically("purchases_receive", on: db) {
            let receipt = try await purchasing.receive(request, against: orderID, by: actor, on: db)
            let order = try await purchasing.order(orderID, on: db)
            try await inventory.receive(
                StockReceipt(
                    locationID: location,
                    lines: receipt.lines.map { StockLine(sku: $0.sku, quantity: $0.quantity, unitCost: $0.unitCost) },
                    reference: order.number, note: receipt.note),
                by: actor, on: db)
            return receipt
        }
    }

    /// Sends goods of one receipt back to the supplier and takes them out of the receipt's location.
    /// Units already promised to shoppers stay: the return is refused with `insufficient_stock` rather
    /// than leave an order without its goods.
    public func returnGoods(
        _ request: SupplierReturnRequest, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SupplierReturn {
        try await Savepoint.atomically("purchases_return", on: db) {
            let supplierReturn = try await purchasing.returnGoods(request, by: actor, on: db)
            let order = try await purchasing.order(supplierReturn.orderID, on: db)
            let location = try await stockLocation(supplierReturn.locationID, at: "/receipt_id", on: db)
            for line in supplierReturn.lines {
                try await inventory.adjust(
                    StockAdjustment(
                        sku: line.sku, locationID: location, quantity: -line.quantity, reason: .supplierReturn,
                        reference: order.number, note: line.reason.rawValue),
                    by: actor, on: db)
            }
            return supplierReturn
        }
    }

    /// Every line's SKU must be a catalog variant and the destination a stock location, reported together.
    func checkReferences(of draft: PurchaseOrderDraft, on db: any SQLDatabase) async throws {
        var errors: [FieldError] = []
        if let id = StockLocationID(draft.destinationLocationID) {
            if (try? await inventory.location(id, on: db)) == nil {
                errors.append(Self.unknownLocation(at: "/destination_location_id"))
            }
        } else {
            errors.append(Self.unknownLocation(at: "/destination_location_id"))
        }
        for (index, line) in draft.lines.enumerated() where !line.sku.isEmpty {
            if (try? await catalog.variant(sku: line.sku, on: db)) == nil {
                errors.append(
                    FieldError(
                        pointer: FieldError.pointer("lines", String(index), "sku"),
                        message: "the catalog has no variant \(line.sku)", code: "unknown_sku"))
            }
        }
        if !errors.isEmpty { throw ValidationError(errors) }
    }

    func stockLocation(_ text: String, at pointer: String, on db: any SQLDatabase) async throws -> StockLocationID {
        guard let id = StockLocationID(text), (try? await inventory.location(id, on: db)) != nil else {
            throw ValidationError([Self.unknownLocation(at: pointer)])
        }
        return id
    }

    static func unknownLocation(at pointer: String) -> FieldError {
        FieldError(pointer: pointer, message: "there is no such stock location", code: "unknown_location")
    }
}
