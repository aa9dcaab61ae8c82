import Flows
import Foundation
import OpenAPIRuntime
import Persistence
import Purchasing
import TorvAPI
import TorvCore

/// Suppliers, their price lists and purchase orders: receipts and returns go through the purchases
/// flow, so stock moves in the same transaction.
extension APIHandlers {
    func listSuppliers(_ input: Operations.ListSuppliers.Input) async throws -> Operations.ListSuppliers.Output {
        let purchasing = platform.purchasing
        let inactive = input.query.includeInactive ?? false
        let suppliers = try await platform.database.read { db in
            try await purchasing.suppliers(includingInactive: inactive, on: db)
        }
        return .ok(.init(body: .json(.init(suppliers: suppliers.map(Components.Schemas.Supplier.init)))))
    }

    func createSupplier(_ input: Operations.CreateSupplier.Input) async throws -> Operations.CreateSupplier.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = try Self.supplierDraft(body)
        let actor = try actor()
        let purchasing = platform.purchasing
        let supplier = try await platform.database.inTransaction { db in
            try await purchasing.createSupplier(draft, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(supplier))))
    }

    func getSupplier(_ input: Operations.GetSupplier.Input) async throws -> Operations.GetSupplier.Output {
        let id = try pathID(input.path.supplierId, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        let purchasing = platform.purchasing
        let supplier = try await platform.database.read { db in try await purchasing.supplier(id, on: db) }
        return .ok(.init(body: .json(.init(supplier))))
    }

    func updateSupplier(_ input: Operations.UpdateSupplier.Input) async throws -> Operations.UpdateSupplier.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.supplierId, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        let draft = try Self.supplierDraft(body)
        let actor = try actor()
        let purchasing = platform.purchasing
        let supplier = try await platform.database.inTransaction { db in
            try await purchasing.updateSupplier(id, to: draft, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(supplier))))
    }

    func listSupplierPrices(
        _ input: Operations.ListSupplierPrices.Input
    ) async throws
        -> Operations.ListSupplierPrices.Output
    {
        let id = try pathID(input.path.supplierId, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        let purchasing = platform.purchasing
        let prices = try await platform.database.read { db in try await purchasing.priceList(of: id, on: db) }
        return .ok(.init(body: .json(.init(prices: prices.map(Components.Schemas.SupplierPrice.init)))))
    }

    func setSupplierPrice(_ input: Operations.SetSupplierPrice.Input) async throws -> Operations.SetSupplierPrice.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.supplierId, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        let draft = SupplierPriceDraft(
            sku: input.path.sku, unitCost: try Self.money(body.unitCost, at: "/unit_cost"),
            minimumOrderQuantity: body.minimumOrderQuantity ?? 1, leadTimeDays: body.leadTimeDays)
        let actor = try actor()
        let purchasing = platform.purchasing
        let price = try await platform.database.inTransaction { db in
            try await purchasing.setPrice(draft, for: id, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(price))))
    }

    func removeSupplierPrice(
        _ input: Operations.RemoveSupplierPrice.Input
    ) async throws
        -> Operations.RemoveSupplierPrice.Output
    {
        let id = try pathID(input.path.supplierId, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        let sku = input.path.sku
        let actor = try actor()
        let purchasing = platform.purchasing
        try await platform.database.inTransaction { db in
            try await purchasing.removePrice(of: sku, from: id, by: actor, on: db)
        }
        return .noContent(.init())
    }

    func listPurchaseOrders(
        _ input: Operations.ListPurchaseOrders.Input
    ) async throws
        -> Operations.ListPurchaseOrders.Output
    {
        let supplier = try input.query.supplierId.map {
            try pathID($0, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        }
        let status = input.query.status.flatMap { PurchaseOrderStatus(rawValue: $0.rawValue) }
        let cursor = try Paging.cursor(input.query.cursor, as: PurchaseOrderID.self, name: "cursor")
        let limit = input.query.limit ?? 50
        let purchasing = platform.purchasing
        let page = try await platform.database.read { db in
            try await purchasing.orders(supplierID: supplier, status: status, after: cursor, limit: limit + 1, on: db)
        }
        let (shown, next) = Paging.page(page, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(body: .json(.init(orders: shown.map(Components.Schemas.PurchaseOrder.init), nextCursor: next))))
    }

    func createPurchaseOrder(
        _ input: Operations.CreatePurchaseOrder.Input
    ) async throws
        -> Operations.CreatePurchaseOrder.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = try Self.orderDraft(body)
        let actor = try actor()
        let purchases = platform.purchases
        let order = try await platform.database.inTransaction { db in
            try await purchases.createOrder(draft, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(order))))
    }

    func getPurchaseOrder(_ input: Operations.GetPurchaseOrder.Input) async throws -> Operations.GetPurchaseOrder.Output
    {
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        let purchasing = platform.purchasing
        let order = try await platform.database.read { db in try await purchasing.order(id, on: db) }
        return .ok(.init(body: .json(.init(order))))
    }

    func updatePurchaseOrder(
        _ input: Operations.UpdatePurchaseOrder.Input
    ) async throws
        -> Operations.UpdatePurchaseOrder.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        let draft = try Self.orderDraft(body)
        let actor = try actor()
        let purchases = platform.purchases
        let order = try await platform.database.inTransaction { db in
            try await purchases.updateOrder(id, to: draft, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(order))))
    }

    func sendPurchaseOrder(
        _ input: Operations.SendPurchaseOrder.Input
    ) async throws
        -> Operations.SendPurchaseOrder.Output
    {
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let expectedAt = body.expectedAt
        let actor = try actor()
        let purchasing = platform.purchasing
        let order = try await platform.database.inTransaction { db in
            try await purchasing.send(id, expectedAt: expectedAt, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(order))))
    }

    func cancelPurchaseOrder(
        _ input: Operations.CancelPurchaseOrder.Input
    ) async throws
        -> Operations.CancelPurchaseOrder.Output
    {
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let reason = body.reason
        let actor = try actor()
        let purchasing = platform.purchasing
        let order = try await platform.database.inTransaction { db in
            try await purchasing.cancel(id, reason: reason, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(order))))
    }

    func closePurchaseOrder(
        _ input: Operations.ClosePurchaseOrder.Input
    ) async throws
        -> Operations.ClosePurchaseOrder.Output
    {
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let reason = body.reason
        let actor = try actor()
        let purchasing = platform.purchasing
        let order = try await platform.database.inTransaction { db in
            try await purchasing.close(id, reason: reason, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(order))))
    }

    func listGoodsReceipts(
        _ input: Operations.ListGoodsReceipts.Input
    ) async throws
        -> Operations.ListGoodsReceipts.Output
    {
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        let purchasing = platform.purchasing
        let receipts = try await platform.database.read { db in
            _ = try await purchasing.order(id, on: db)
            return try await purchasing.receipts(of: id, on: db)
        }
        return .ok(.init(body: .json(.init(receipts: receipts.map(Components.Schemas.GoodsReceipt.init)))))
    }

    func receivePurchaseOrder(
        _ input: Operations.ReceivePurchaseOrder.Input
    ) async throws
        -> Operations.ReceivePurchaseOrder.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        var errors: [FieldError] = []
        var lines: [GoodsReceiptLineRequest] = []
        for (index, line) in body.lines.enumerated() {
            let pointer = FieldError.pointer("lines", String(index))
            let reference: OrderLineReference
            switch (line.lineId, line.sku) {
            case (let raw?, nil):
                guard let lineID = PurchaseOrderLineID(raw) else {
                    errors.append(
                        FieldError(
                            pointer: pointer + "/line_id", message: "is not a line of this order",
                            code: "unknown_order_line"))
                    continue
                }
                reference = .line(lineID)
            case (nil, let sku?):
                reference = .sku(sku)
            default:
                errors.append(
                    FieldError(pointer: pointer, message: "name either line_id or sku", code: "line_reference_required")
                )
                continue
            }
            let cost = try line.actualUnitCost.map { try Self.money($0, at: pointer + "/actual_unit_cost") }
            lines.append(GoodsReceiptLineRequest(reference, quantity: line.quantity, actualUnitCost: cost))
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        let request = GoodsReceiptRequest(
            lines: lines, locationID: body.locationId, receivedAt: body.receivedAt ?? platform.clock.now(),
            note: body.note)
        let actor = try actor()
        let purchases = platform.purchases
        let receipt = try await platform.database.inTransaction { db in
            try await purchases.receive(request, against: id, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(receipt))))
    }

    func listSupplierReturns(
        _ input: Operations.ListSupplierReturns.Input
    ) async throws
        -> Operations.ListSupplierReturns.Output
    {
        let id = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        let purchasing = platform.purchasing
        let returns = try await platform.database.read { db in
            _ = try await purchasing.order(id, on: db)
            return try await purchasing.returns(of: id, on: db)
        }
        return .ok(.init(body: .json(.init(returns: returns.map(Components.Schemas.SupplierReturn.init)))))
    }

    func returnToSupplier(_ input: Operations.ReturnToSupplier.Input) async throws -> Operations.ReturnToSupplier.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let orderID = try pathID(
            input.path.purchaseOrderId, as: PurchaseOrderID.self, notFound: PurchasingError.orderNotFound)
        guard let receiptID = GoodsReceiptID(body.receiptId) else { throw PurchasingError.receiptNotFound }
        let request = SupplierReturnRequest(
            receiptID: receiptID,
            lines: body.lines.map {
                SupplierReturnLineRequest(
                    sku: $0.sku, quantity: $0.quantity,
                    reason: SupplierReturnReason(rawValue: $0.reason.rawValue) ?? .other)
            }, returnedAt: body.returnedAt ?? platform.clock.now(), note: body.note)
        let actor = try actor()
        let purchasing = platform.purchasing
        let purchases = platform.purchases
        let supplierReturn = try await platform.database.inTransaction { db in
            // The receipt must belong to the order in the path: a return is filed where staff look for it.
            guard try await purchasing.receipt(receiptID, on: db).orderID == orderID else {
                throw PurchasingError.receiptNotFound
            }
            return try await purchases.returnGoods(request, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(supplierReturn))))
    }

    static func supplierDraft(_ body: Components.Schemas.SupplierInput) throws -> SupplierDraft {
        SupplierDraft(
            name: body.name, email: body.email, currency: try currency(body.currency, at: "/currency"),
            paymentTermsDays: body.paymentTermsDays ?? 30, isActive: body.active ?? true)
    }

    static func orderDraft(_ body: Components.Schemas.PurchaseOrderInput) throws -> PurchaseOrderDraft {
        guard let supplier = SupplierID(body.supplierId) else {
            throw ValidationError([
                FieldError(pointer: "/supplier_id", message: "there is no such supplier", code: "unknown_supplier")
            ])
        }
        return PurchaseOrderDraft(
            supplierID: supplier, destinationLocationID: body.destinationLocationId,
            lines: try body.lines.enumerated().map { index, line in
                PurchaseOrderLineDraft(
                    sku: line.sku, quantity: line.quantity,
                    unitCost: try line.unitCost.map { try money($0, at: "/lines/\(index)/unit_cost") })
            }, expectedAt: body.expectedAt, note: body.note)
    }
}

extension Components.Schemas.Supplier {
    init(_ supplier: Supplier) {
        self.init(
            id: supplier.id.rawValue, name: supplier.name, email: supplier.email, currency: supplier.currency.code,
            paymentTermsDays: supplier.paymentTermsDays, active: supplier.isActive, createdAt: supplier.createdAt,
            updatedAt: supplier.updatedAt)
    }
}

extension Components.Schemas.SupplierPrice {
    init(_ price: SupplierPrice) {
        self.init(
            sku: price.sku, unitCost: .init(price.unitCost), minimumOrderQuantity: price.minimumOrderQuantity,
            leadTimeDays: price.leadTimeDays, updatedAt: price.updatedAt)
    }
}

extension Components.Schemas.PurchaseOrder {
    init(_ order: PurchaseOrder) {
        self.init(
            id: order.id.rawValue, number: order.number, supplierId: order.supplierID.rawValue,
            currency: order.currency.code, destinationLocationId: order.destinationLocationID,
            status: .init(rawValue: order.status.rawValue) ?? .draft, expectedAt: order.expectedAt, note: order.note,
            total: .init(order.total), sentAt: order.sentAt, receivedAt: order.receivedAt, billedAt: order.billedAt,
            closedAt: order.closedAt, closeReason: order.closeReason, cancelledAt: order.cancelledAt,
            cancelReason: order.cancelReason, createdAt: order.createdAt,
            lines: order.lines.map {
                .init(
                    id: $0.id.rawValue, sku: $0.sku, quantity: $0.quantity, unitCost: .init($0.unitCost),
                    leadTimeDays: $0.leadTimeDays, received: $0.receivedQuantity, returned: $0.returnedQuantity,
                    billed: $0.billedQuantity, open: $0.openQuantity)
            })
    }
}

extension Components.Schemas.GoodsReceipt {
    init(_ receipt: GoodsReceipt) {
        self.init(
            id: receipt.id.rawValue, purchaseOrderId: receipt.orderID.rawValue, locationId: receipt.locationID,
            receivedAt: receipt.receivedAt, note: receipt.note,
            lines: receipt.lines.map {
                .init(
                    orderLineId: $0.orderLineID.rawValue, sku: $0.sku, quantity: $0.quantity,
                    unitCost: .init($0.unitCost))
            })
    }
}

extension Components.Schemas.SupplierReturn {
    init(_ supplierReturn: SupplierReturn) {
        self.init(
            id: supplierReturn.id.rawValue, purchaseOrderId: supplierReturn.orderID.rawValue,
            receiptId: supplierReturn.receiptID.rawValue, locationId: supplierReturn.locationID,
            returnedAt: supplierReturn.returnedAt, note: supplierReturn.note,
            lines: supplierReturn.lines.map {
                .init(
                    orderLineId: $0.orderLineID.rawValue, sku: $0.sku, quantity: $0.quantity,
                    unitCost: .init($0.unitCost), reason: $0.reason.rawValue)
            })
    }
}
