import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// Records a supplier's invoice and runs the three-way match (``ThreeWayMatch``) against the orders
    /// and receipts: a clean match is approved at once (`purchasing.bill_approved`), anything else waits
    /// on hold with its discrepancies (`purchasing.bill_held`). The supplier's invoice number is recorded
    /// once per supplier (`duplicate_bill_number`).
    public func recordBill(
        _ draft: SupplierBillDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SupplierBill {
        let supplier = try await PurchasingStore.supplier(draft.supplierID, on: db)
        let (net, invoiceNumber) = try Self.validate(draft, supplier: supplier)
        guard let supplier else { throw PurchasingError.supplierNotFound }
        let now = self.now
        let id = SupplierBillID.generate(ids, at: now)
        let due = draft.dueDate ?? draft.billDate.addingTimeInterval(Double(supplier.paymentTermsDays) * 86_400)
        let lineIDs = draft.lines.map(\.orderLineID)
        return try await Savepoint.atomically("purchasing_bill", on: db) {
            // Locked first: receipts, returns and other bills of these orders wait, so the match sees
            // quantities that stay true until this bill commits.
            let orders = try await PurchasingStore.orders(of: lineIDs, supplierID: supplier.id, on: db)
            try await PurchasingStore.lockOrders(orders, now: now, on: db)
            let billable = try await PurchasingStore.billableLines(
                lineIDs, supplierID: supplier.id, excluding: nil, on: db)
            let outcome = Self.match(draft.lines, against: billable, tolerance: matchTolerance)
            let byID = Dictionary(billable.map { ($0.match.id, $0) }, uniquingKeysWith: { first, _ in first })
            let lines = draft.lines.map { line in
                SupplierBillLine(
                    orderLineID: line.orderLineID, orderID: byID[line.orderLineID]?.orderID,
                    sku: byID[line.orderLineID]?.match.sku, quantity: line.quantity, unitPrice: line.unitPrice,
                    net: Money(minorUnits: Int64(line.quantity) * line.unitPrice.amount, currency: supplier.currency))
            }
            let discrepancies: [BillDiscrepancy] =
                if case .discrepancies(let found) = outcome { found } else { [] }
            let bill = SupplierBill(
                id: id, supplierID: supplier.id, invoiceNumber: invoiceNumber, billDate: draft.billDate, dueDate: due,
                currency: supplier.currency, net: net, tax: draft.tax, taxRate: draft.taxRate, total: draft.total,
                paid: .zero(supplier.currency), approval: discrepancies.isEmpty ? .approved : .onHold,
                discrepancies: discrepancies, decisionReason: nil, decidedAt: discrepancies.isEmpty ? now : nil,
                recordedAt: now, lines: lines)
            guard
                try await PurchasingStore.insertBill(
                    bill, invoiceKey: Self.invoiceKey(invoiceNumber), actor: discrepancies.isEmpty ? actor : nil, on: db
                )
            else {
                let error = PurchasingError.duplicateBillNumber
                throw ValidationError([FieldError(pointer: "/invoice_number", message: error.message, code: error.code)]
                )
            }
            try await PurchasingStore.insertBillLines(lines, of: id, on: db)
            try await audit.record(
                "supplier_bill.recorded", by: actor, target: ("supplier_bill", id.rawValue),
                detail: [
                    "supplier_id": supplier.id.rawValue, "invoice_number": invoiceNumber,
                    "total": draft.total.description, "approval": bill.approval.rawValue,
                    "discrepancies": discrepancies.map(\.kind.rawValue).joined(separator: ","),
                ], on: db)
            if discrepancies.isEmpty {
                try await applyApproval(of: bill, overridden: false, now: now, on: db)
            } else {
                try await outbox.append(
                    SupplierBillHeld(
                        billID: id, supplierID: supplier.id, invoiceNumber: invoiceNumber, discrepancies: discrepancies),
                    on: db)
            }
            return bill
        }
    }

    /// Approves a bill on hold despite its discrepancies; the reason goes into the bill and the audit log.
    public func approve(
        _ id: SupplierBillID, overriding reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SupplierBill {
        try await decide(id, .approved, reason: reason, by: actor, on: db)
    }

    /// Refuses a bill on hold (a wrong or duplicate invoice); its quantities stop counting as billed.
    public func reject(
        _ id: SupplierBillID, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SupplierBill {
        try await decide(id, .rejected, reason: reason, by: actor, on: db)
    }

    /// Runs the match again for a bill on hold (goods may have arrived since): approves it when it now
    /// matches, else stores the discrepancies found now.
    public func recheck(_ id: SupplierBillID, by actor: AuditActor, on db: any SQLDatabase) async throws -> SupplierBill
    {
        let now = self.now
        return try await Savepoint.atomically("purchasing_bill_recheck", on: db) {
            let bill = try await self.bill(id, on: db)
            guard bill.approval == .onHold else { throw PurchasingError.billNotOnHold(bill.approval) }
            let lineIDs = bill.lines.map(\.orderLineID)
            let orders = try await PurchasingStore.orders(of: lineIDs, supplierID: bill.supplierID, on: db)
            try await PurchasingStore.lockOrders(orders, now: now, on: db)
            let billable = try await PurchasingStore.billableLines(
                lineIDs, supplierID: bill.supplierID, excluding: id, on: db)
            let drafts = bill.lines.map {
                SupplierBillLineDraft(orderLineID: $0.orderLineID, quantity: $0.quantity, unitPrice: $0.unitPrice)
            }
            switch Self.match(drafts, against: billable, tolerance: matchTolerance) {
            case .matched:
                guard try await PurchasingStore.decide(id, .approved, reason: nil, actor: actor, now: now, on: db)
                else {
                    throw PurchasingError.billNotOnHold(try await self.bill(id, on: db).approval)
                }
                let approved = try await self.bill(id, on: db)
                try await audit.record(
                    "supplier_bill.approved", by: actor, target: ("supplier_bill", id.rawValue),
                    detail: ["matched": "true"], on: db)
                try await applyApproval(of: approved, overridden: false, now: now, on: db)
                return approved
            case .discrepancies(let found):
                try await audit.record(
                    "supplier_bill.rechecked", by: actor, target: ("supplier_bill", id.rawValue),
                    detail: ["discrepancies": found.map(\.kind.rawValue).joined(separator: ",")], on: db)
                try await db.raw(
                    """
                    UPDATE purchasing_bills SET discrepancies = \(bind: try PurchasingStore.encodeJSON(found))
                    WHERE id = \(bind: id.rawValue) AND approval = 'on_hold'
                    """
                ).run()
                return try await self.bill(id, on: db)
            }
        }
    }

    func decide(
        _ id: SupplierBillID, _ approval: BillApproval, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SupplierBill {
        var validator = Validator()
        validator.checkReason(reason, required: true, at: "/reason")
        try validator.finish()
        let reason = Self.trimmed(reason)
        let now = self.now
        return try await Savepoint.atomically("purchasing_bill_decision", on: db) {
            let current = try await bill(id, on: db)
            // Lock the orders before the bill, in the same order as recording does.
            let orders = try await PurchasingStore.orders(
                of: current.lines.map(\.orderLineID), supplierID: current.supplierID, on: db)
            try await PurchasingStore.lockOrders(orders, now: now, on: db)
            guard try await PurchasingStore.decide(id, approval, reason: reason, actor: actor, now: now, on: db) else {
                throw PurchasingError.billNotOnHold(try await bill(id, on: db).approval)
            }
            let decided = try await bill(id, on: db)
            try await audit.record(
                approval == .approved ? "supplier_bill.approved" : "supplier_bill.rejected", by: actor,
                target: ("supplier_bill", id.rawValue),
                detail: [
                    "reason": reason, "overridden": "true",
                    "discrepancies": decided.discrepancies.map(\.kind.rawValue).joined(separator: ","),
                ], on: db)
            if approval == .approved {
                try await applyApproval(of: decided, overridden: true, now: now, on: db)
            }
            return decided
        }
    }

    /// Counts an approved bill's units as billed, moves fully billed orders on, and announces the bill.
    func applyApproval(of bill: SupplierBill, overridden: Bool, now: Date, on db: any SQLDatabase) async throws {
        var orders: Set<PurchaseOrderID> = []
        for line in bill.lines {
            guard let orderID = line.orderID else { continue }
            try await PurchasingStore.addBilled(line.quantity, to: line.orderLineID, on: db)
            orders.insert(orderID)
        }
        for order in orders.sorted() {
            try await PurchasingStore.advanceToBilled(order, now: now, on: db)
        }
        let costs = try await PurchasingStore.averageReceiptCosts(of: bill.lines.map(\.orderLineID), on: db)
        try await outbox.append(
            SupplierBillApproved(
                billID: bill.id, supplierID: bill.supplierID, invoiceNumber: bill.invoiceNumber, net: bill.net,
                tax: bill.tax, taxRate: bill.taxRate, total: bill.total, currency: bill.currency,
                billDate: bill.billDate,
                dueDate: bill.dueDate, overridden: overridden,
                lines: bill.lines.map {
                    BilledGoods(
                        orderLineID: $0.orderLineID, sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice,
                        receivedUnitCost: costs[$0.orderLineID])
                }), on: db)
    }

    static func match(
        _ lines: [SupplierBillLineDraft], against billable: [BillableLine], tolerance: MatchTolerance
    ) -> ThreeWayMatch.Outcome {
        ThreeWayMatch.compare(
            orderLines: billable.map(\.match),
            receivedQuantities: Dictionary(
                billable.map { ($0.match.id, $0.kept) }, uniquingKeysWith: { first, _ in first }),
            billLines: lines, tolerance: tolerance)
    }

    /// Checks a bill's fields, all at once; returns the lines' net and the trimmed invoice number.
    static func validate(_ draft: SupplierBillDraft, supplier: Supplier?) throws(ValidationError) -> (Money, String) {
        var validator = Validator()
        let number = trimmed(draft.invoiceNumber)
        if number.isEmpty || number.count > 100 {
            validator.add(PurchasingError.invoiceNumberRequired, at: "/invoice_number")
        }
        guard let supplier else {
            validator.add(PurchasingError.unknownSupplier, at: "/supplier_id")
            try validator.finish()
            return (.zero(draft.total.currency), number)
        }
        let currency = supplier.currency
        validator.checkLineCount(draft.lines.count)
        var net: Int64 = 0
        var linesValid = true
        for (index, line) in draft.lines.enumerated() {
            var lineValidator = Validator()
            lineValidator.checkQuantity(line.quantity, at: pointer("lines", index, "quantity"))
            lineValidator.checkUnitCost(line.unitPrice, in: currency, at: pointer("lines", index, "unit_price"))
            lineValidator.errors.forEach { validator.add($0) }
            if lineValidator.isValid { net += Int64(line.quantity) * line.unitPrice.amount } else { linesValid = false }
        }
        if draft.tax.currency != currency {
            validator.add(PurchasingError.currencyMismatch(expected: currency), at: "/tax/currency")
        } else if draft.tax.amount < 0 || draft.tax.amount > 1_000_000_000_000_000 {
            validator.add(PurchasingError.invalidAmount, at: "/tax")
        }
        if let rate = draft.taxRate, !(0...10_000).contains(rate) {
            validator.add(PurchasingError.invalidTaxRate, at: "/tax_rate")
        } else if draft.taxRate == nil && draft.tax.amount != 0 {
            validator.add(PurchasingError.taxRateRequired, at: "/tax_rate")
        }
        if draft.total.currency != currency {
            validator.add(PurchasingError.currencyMismatch(expected: currency), at: "/total/currency")
        } else if linesValid && draft.tax.amount >= 0 && draft.total.amount != net + draft.tax.amount {
            validator.add(
                PurchasingError.totalMismatch(expected: Money(minorUnits: net + draft.tax.amount, currency: currency)),
                at: "/total")
        }
        if let due = draft.dueDate, due < draft.billDate {
            validator.add(PurchasingError.dueBeforeBillDate, at: "/due_date")
        }
        try validator.finish()
        return (Money(minorUnits: net, currency: currency), number)
    }

    static func invoiceKey(_ number: String) -> String { trimmed(number).lowercased() }
}
