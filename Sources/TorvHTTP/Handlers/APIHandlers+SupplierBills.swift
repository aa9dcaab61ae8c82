import Flows
import Foundation
import OpenAPIRuntime
import Persistence
import Purchasing
import TorvAPI
import TorvCore

/// Supplier bills and payables: recorded and matched by the accountant, held bills decided, paid.
extension APIHandlers {
    func listSupplierBills(
        _ input: Operations.ListSupplierBills.Input
    ) async throws
        -> Operations.ListSupplierBills.Output
    {
        let supplier = try input.query.supplierId.map {
            try pathID($0, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        }
        let approval = input.query.approval.flatMap { BillApproval(rawValue: $0.rawValue) }
        let cursor = try Paging.cursor(input.query.cursor, as: SupplierBillID.self, name: "cursor")
        let limit = input.query.limit ?? 50
        let purchasing = platform.purchasing
        let page = try await platform.database.read { db in
            try await purchasing.bills(
                supplierID: supplier, approval: approval, after: cursor, limit: limit + 1, on: db)
        }
        let (shown, next) = Paging.page(page, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(
                body: .json(
                    .init(bills: shown.map { Components.Schemas.SupplierBill($0, payments: []) }, nextCursor: next))))
    }

    func recordSupplierBill(
        _ input: Operations.RecordSupplierBill.Input
    ) async throws
        -> Operations.RecordSupplierBill.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        guard let supplier = SupplierID(body.supplierId) else {
            throw ValidationError([
                FieldError(pointer: "/supplier_id", message: "there is no such supplier", code: "unknown_supplier")
            ])
        }
        var errors: [FieldError] = []
        var lines: [SupplierBillLineDraft] = []
        for (index, line) in body.lines.enumerated() {
            let pointer = FieldError.pointer("lines", String(index))
            guard let lineID = PurchaseOrderLineID(line.orderLineId) else {
                errors.append(
                    FieldError(
                        pointer: pointer + "/order_line_id", message: "is not a purchase order line",
                        code: "unknown_order_line"))
                continue
            }
            lines.append(
                SupplierBillLineDraft(
                    orderLineID: lineID, quantity: line.quantity,
                    unitPrice: try Self.money(line.unitPrice, at: pointer + "/unit_price")))
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        let draft = SupplierBillDraft(
            supplierID: supplier, invoiceNumber: body.invoiceNumber, billDate: body.billDate, dueDate: body.dueDate,
            lines: lines, tax: try Self.money(body.tax, at: "/tax"), taxRate: body.taxRate,
            total: try Self.money(body.total, at: "/total"))
        let actor = try actor()
        let purchasing = platform.purchasing
        let bill = try await platform.database.inTransaction { db in
            try await purchasing.recordBill(draft, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(bill, payments: []))))
    }

    func getSupplierBill(_ input: Operations.GetSupplierBill.Input) async throws -> Operations.GetSupplierBill.Output {
        let id = try pathID(input.path.billId, as: SupplierBillID.self, notFound: PurchasingError.billNotFound)
        let purchasing = platform.purchasing
        let (bill, payments) = try await platform.database.read { db in
            (try await purchasing.bill(id, on: db), try await purchasing.payments(of: id, on: db))
        }
        return .ok(.init(body: .json(.init(bill, payments: payments))))
    }

    func decideSupplierBill(
        _ input: Operations.DecideSupplierBill.Input
    ) async throws
        -> Operations.DecideSupplierBill.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.billId, as: SupplierBillID.self, notFound: PurchasingError.billNotFound)
        let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if body.decision != .recheck && reason.isEmpty {
            throw ValidationError([
                FieldError(pointer: "/reason", message: "must give a reason", code: "reason_required")
            ])
        }
        let actor = try actor()
        let purchasing = platform.purchasing
        let decision = body.decision
        let (bill, payments) = try await platform.database.inTransaction { db in
            let bill =
                switch decision {
                case .approve: try await purchasing.approve(id, overriding: reason, by: actor, on: db)
                case .reject: try await purchasing.reject(id, reason: reason, by: actor, on: db)
                case .recheck: try await purchasing.recheck(id, by: actor, on: db)
                }
            return (bill, try await purchasing.payments(of: id, on: db))
        }
        return .ok(.init(body: .json(.init(bill, payments: payments))))
    }

    func paySupplierBill(_ input: Operations.PaySupplierBill.Input) async throws -> Operations.PaySupplierBill.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.billId, as: SupplierBillID.self, notFound: PurchasingError.billNotFound)
        let amount = try Self.money(body.amount, at: "/amount")
        let paidAt = body.paidAt ?? platform.clock.now()
        let actor = try actor()
        let purchasing = platform.purchasing
        let (bill, payments) = try await platform.database.inTransaction { db in
            let recorded = try await purchasing.recordPayment(
                id, amount: amount, paidAt: paidAt, reference: body.reference, by: actor, on: db)
            return (recorded.bill, try await purchasing.payments(of: id, on: db))
        }
        return .created(.init(body: .json(.init(bill, payments: payments))))
    }

    func getPayablesAgeing(
        _ input: Operations.GetPayablesAgeing.Input
    ) async throws
        -> Operations.GetPayablesAgeing.Output
    {
        // The end of the given day: a bill due that day is not yet late.
        let asOf = try Self.day(input.query.asOf, name: "as_of").addingTimeInterval(86_400 - 1)
        let supplier = try input.query.supplierId.map {
            try pathID($0, as: SupplierID.self, notFound: PurchasingError.supplierNotFound)
        }
        let purchasing = platform.purchasing
        let (ageing, bills) = try await platform.database.read { db in
            try await purchasing.payablesAgeing(asOf: asOf, supplierID: supplier, on: db)
        }
        let currencies = ageing.totals.keys.sorted { $0.code < $1.code }.map { currency in
            let buckets = ageing.totals[currency] ?? [:]
            return Operations.GetPayablesAgeing.Output.Ok.Body.JsonPayload.CurrenciesPayloadPayload(
                currency: currency.code, current: buckets[.current] ?? 0, days130: buckets[.days1To30] ?? 0,
                days3160: buckets[.days31To60] ?? 0, days6190: buckets[.days61To90] ?? 0, over90: buckets[.over90] ?? 0,
                total: buckets.values.reduce(0, +))
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        asOf: asOf, currencies: currencies,
                        bills: bills.map {
                            .init(
                                billId: $0.billID.rawValue, supplierId: $0.supplierID.rawValue,
                                invoiceNumber: $0.invoiceNumber, dueDate: $0.dueDate, open: .init($0.open),
                                daysPastDue: max(0, Int((asOf.timeIntervalSince($0.dueDate) / 86_400).rounded(.down))))
                        }))))
    }
}

extension Components.Schemas.SupplierBill {
    init(_ bill: SupplierBill, payments: [BillPayment]) {
        self.init(
            id: bill.id.rawValue, supplierId: bill.supplierID.rawValue, invoiceNumber: bill.invoiceNumber,
            billDate: bill.billDate, dueDate: bill.dueDate, net: .init(bill.net), tax: .init(bill.tax),
            taxRate: bill.taxRate, total: .init(bill.total), paid: .init(bill.paid), open: .init(bill.open),
            approval: .init(rawValue: bill.approval.rawValue) ?? .onHold,
            paymentStatus: .init(rawValue: bill.paymentStatus.rawValue) ?? .open, decisionReason: bill.decisionReason,
            decidedAt: bill.decidedAt, recordedAt: bill.recordedAt,
            discrepancies: bill.discrepancies.map {
                .init(
                    kind: .init(rawValue: $0.kind.rawValue) ?? .unknownLine, line: $0.line,
                    orderLineId: $0.orderLineID.rawValue, message: $0.message, billedQuantity: $0.billedQuantity,
                    receivedQuantity: $0.receivedQuantity, orderedUnitCost: $0.orderedUnitCost.map { .init($0) },
                    billedUnitPrice: $0.billedUnitPrice.map { .init($0) },
                    differenceBasisPoints: $0.differenceBasisPoints)
            },
            lines: bill.lines.map {
                .init(
                    orderLineId: $0.orderLineID.rawValue, purchaseOrderId: $0.orderID?.rawValue, sku: $0.sku,
                    quantity: $0.quantity, unitPrice: .init($0.unitPrice), net: .init($0.net))
            },
            payments: payments.map {
                .init(id: $0.id.rawValue, amount: .init($0.amount), paidAt: $0.paidAt, reference: $0.reference)
            })
    }
}
