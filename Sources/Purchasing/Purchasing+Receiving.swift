import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// Books a delivery against a sent order: an append-only receipt, the lines' received quantities
    /// advanced, the order partially received or received, and `purchasing.goods_received` for the flow
    /// that puts the goods into stock and the books.
    ///
    /// Over-deliveries are refused (`over_receipt` at the line, with what is still open): the shop
    /// receives what it ordered, and a supplier's surplus goes back or onto a new order. The order's row
    /// is locked first, so two receipts at once are checked one after the other and never exceed the
    /// ordered quantity between them; a guarded UPDATE and a CHECK restate the rule.
    public func receive(
        _ request: GoodsReceiptRequest, against orderID: PurchaseOrderID, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> GoodsReceipt {
        var validator = Validator()
        validator.checkLineCount(request.lines.count)
        let location = Self.trimmed(request.locationID)
        if location.isEmpty || location != request.locationID || location.count > 200 {
            validator.add(PurchasingError.locationRequired, at: "/location_id")
        }
        validator.checkText(request.note, maximum: 2000, at: "/note")
        for (index, line) in request.lines.enumerated() {
            validator.checkQuantity(line.quantity, at: Self.pointer("lines", index, "quantity"))
        }
        try validator.finish()
        let now = self.now
        let receiptID = GoodsReceiptID.generate(ids, at: now)
        return try await Savepoint.atomically("purchasing_receive", on: db) {
            try await PurchasingStore.lock(orderID, for: .receive, now: now, on: db)
            let order = try await order(orderID, on: db)
            let lines = try Self.resolveReceipt(request, on: order)
            for line in lines {
                guard try await PurchasingStore.addReceived(line.quantity, to: line.orderLineID, on: db) else {
                    // The lock makes this unreachable; if it ever is reached, refuse rather than over-receive.
                    throw PurchasingError.overReceipt(open: 0)
                }
            }
            let receipt = GoodsReceipt(
                id: receiptID, orderID: orderID, locationID: request.locationID, receivedAt: request.receivedAt,
                note: Self.cleaned(request.note), lines: lines)
            try await PurchasingStore.insertReceipt(receipt, actor: actor, now: now, on: db)
            let status = try await PurchasingStore.settleReceiptStatus(orderID, now: now, on: db)
            if status == .received { try await PurchasingStore.advanceToBilled(orderID, now: now, on: db) }
            try await audit.record(
                "purchase_order.goods_received", by: actor, target: ("purchase_order", orderID.rawValue),
                detail: [
                    "receipt_id": receiptID.rawValue, "location_id": request.locationID,
                    "lines": lines.map { "\($0.sku)×\($0.quantity)" }.joined(separator: ","),
                ], on: db)
            try await outbox.append(
                GoodsReceived(
                    receiptID: receiptID, orderID: orderID, number: order.number, supplierID: order.supplierID,
                    locationID: request.locationID, receivedAt: request.receivedAt,
                    lines: lines.map {
                        PurchasedGoods(
                            orderLineID: $0.orderLineID, sku: $0.sku, quantity: $0.quantity, unitCost: $0.unitCost)
                    }), on: db)
            return receipt
        }
    }

    /// Matches each requested line to its order line and checks it against what is still open, reporting
    /// every problem at once. Runs under the order's lock, so the open quantities are current.
    static func resolveReceipt(_ request: GoodsReceiptRequest, on order: PurchaseOrder) throws -> [GoodsReceiptLine] {
        var validator = Validator()
        var seen: Set<PurchaseOrderLineID> = []
        var lines: [GoodsReceiptLine] = []
        for (index, requested) in request.lines.enumerated() {
            let line: PurchaseOrderLine?
            let pointer: String
            switch requested.line {
            case .line(let id):
                line = order.lines.first { $0.id == id }
                pointer = Self.pointer("lines", index, "line_id")
            case .sku(let sku):
                line = order.lines.first { $0.sku == sku }
                pointer = Self.pointer("lines", index, "sku")
            }
            guard let line else {
                validator.add(PurchasingError.unknownOrderLine, at: pointer)
                continue
            }
            if !seen.insert(line.id).inserted {
                validator.add(PurchasingError.duplicateLine, at: pointer)
                continue
            }
            if let cost = requested.actualUnitCost {
                validator.checkUnitCost(cost, in: order.currency, at: Self.pointer("lines", index, "actual_unit_cost"))
            }
            if requested.quantity > line.openQuantity {
                validator.add(
                    PurchasingError.overReceipt(open: line.openQuantity), at: Self.pointer("lines", index, "quantity"))
            }
            lines.append(
                GoodsReceiptLine(
                    orderLineID: line.id, sku: line.sku, quantity: requested.quantity,
                    unitCost: requested.actualUnitCost ?? line.unitCost))
        }
        try validator.finish()
        return lines
    }
}
