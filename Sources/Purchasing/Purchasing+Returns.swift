import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Purchasing {
    /// Sends received goods back to the supplier from one receipt: at most what that receipt brought in
    /// less what was already returned from it (`over_return`), at the receipt's unit cost and from its
    /// location. Append-only; emits `purchasing.goods_returned` for the flow that takes the goods out of
    /// stock and the books.
    public func returnGoods(
        _ request: SupplierReturnRequest, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SupplierReturn {
        var validator = Validator()
        validator.checkLineCount(request.lines.count)
        validator.checkText(request.note, maximum: 2000, at: "/note")
        for (index, line) in request.lines.enumerated() {
            validator.checkQuantity(line.quantity, at: Self.pointer("lines", index, "quantity"))
        }
        try validator.finish()
        guard let receipt = try await PurchasingStore.receipt(request.receiptID, on: db) else {
            throw PurchasingError.receiptNotFound
        }
        let now = self.now
        let returnID = SupplierReturnID.generate(ids, at: now)
        return try await Savepoint.atomically("purchasing_return", on: db) {
            // The order's lock serialises returns (and receipts) of one order, so what was returned from
            // the receipt is read current; the guarded UPDATE and CHECK restate the rule per order line.
            try await PurchasingStore.lock(receipt.orderID, for: .returnGoods, now: now, on: db)
            let order = try await order(receipt.orderID, on: db)
            let returned = try await PurchasingStore.returnedFromReceipt(receipt.id, on: db)
            let lines = try Self.resolveReturn(request, from: receipt, returned: returned)
            for line in lines {
                guard try await PurchasingStore.addReturned(line.quantity, to: line.orderLineID, on: db) else {
                    throw PurchasingError.overReturn(returnable: 0)
                }
            }
            let supplierReturn = SupplierReturn(
                id: returnID, orderID: receipt.orderID, receiptID: receipt.id, locationID: receipt.locationID,
                returnedAt: request.returnedAt, note: Self.cleaned(request.note), lines: lines)
            try await PurchasingStore.insertReturn(supplierReturn, actor: actor, now: now, on: db)
            // Returning units nobody billed yet can complete the billing of a received order.
            try await PurchasingStore.advanceToBilled(receipt.orderID, now: now, on: db)
            try await audit.record(
                "purchase_order.goods_returned", by: actor, target: ("purchase_order", receipt.orderID.rawValue),
                detail: [
                    "return_id": returnID.rawValue, "receipt_id": receipt.id.rawValue,
                    "lines": lines.map { "\($0.sku)×\($0.quantity)" }.joined(separator: ","),
                ], on: db)
            try await outbox.append(
                GoodsReturned(
                    returnID: returnID, receiptID: receipt.id, orderID: order.id, number: order.number,
                    supplierID: order.supplierID, locationID: receipt.locationID, returnedAt: request.returnedAt,
                    lines: lines.map {
                        PurchasedGoods(
                            orderLineID: $0.orderLineID, sku: $0.sku, quantity: $0.quantity, unitCost: $0.unitCost)
                    }, reasons: lines.map(\.reason)), on: db)
            return supplierReturn
        }
    }

    static func resolveReturn(
        _ request: SupplierReturnRequest, from receipt: GoodsReceipt, returned: [PurchaseOrderLineID: Int]
    ) throws -> [SupplierReturnLine] {
        var validator = Validator()
        var seen: Set<String> = []
        var lines: [SupplierReturnLine] = []
        for (index, requested) in request.lines.enumerated() {
            let pointer = Self.pointer("lines", index, "sku")
            guard let received = receipt.lines.first(where: { $0.sku == requested.sku }) else {
                validator.add(PurchasingError.unknownOrderLine, at: pointer)
                continue
            }
            if !seen.insert(requested.sku).inserted {
                validator.add(PurchasingError.duplicateLine, at: pointer)
                continue
            }
            let returnable = received.quantity - (returned[received.orderLineID] ?? 0)
            if requested.quantity > returnable {
                validator.add(
                    PurchasingError.overReturn(returnable: returnable), at: Self.pointer("lines", index, "quantity"))
            }
            lines.append(
                SupplierReturnLine(
                    orderLineID: received.orderLineID, sku: received.sku, quantity: requested.quantity,
                    unitCost: received.unitCost, reason: requested.reason))
        }
        try validator.finish()
        return lines
    }
}
