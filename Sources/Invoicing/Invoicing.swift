public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// Customer invoices (receivables): issued once per order from a gapless number series, immutable
/// lines, partial payments that never exceed what is open, credit notes from their own series, ageing
/// as of any day.
///
/// Invariants kept by the database: numbers unique and gapless (one counter row advanced in the
/// issuing transaction), one invoice per order (UNIQUE), `0 ≤ paid ≤ total` (CHECK, and a guarded
/// UPDATE so concurrent payments cannot overpay), lines and payments append-only.
public struct Invoicing: Sendable {
    let outbox: Outbox
    let audit: AuditLog
    let clock: WallClock
    let ids: UUIDGenerator

    public init(outbox: Outbox, audit: AuditLog, clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.outbox = outbox
        self.audit = audit
        self.clock = clock
        self.ids = ids
    }

    /// Issues the invoice for `draft`, or returns the one already issued for its order (`isNew` false).
    public func issue(_ draft: InvoiceDraft, on db: any SQLDatabase) async throws -> (invoice: Invoice, isNew: Bool) {
        var validator = Validator()
        validator.check(!draft.lines.isEmpty, "/lines", "needs at least one line", code: "lines_required")
        validator.check(
            (0...365).contains(draft.paymentTermsDays), "/payment_terms_days", "must be 0 to 365 days",
            code: "invalid_payment_terms")
        for (index, line) in draft.lines.enumerated() {
            validator.check(
                line.net.currency == draft.currency && line.vat.currency == draft.currency, "/lines/\(index)",
                "must be in \(draft.currency.code)", code: "currency_mismatch")
            validator.check(line.quantity > 0, "/lines/\(index)/quantity", "must be positive", code: "invalid_quantity")
        }
        try validator.finish()
        if let orderID = draft.orderID, let existing = try await invoice(forOrder: orderID, on: db) {
            return (existing, false)
        }
        let now = clock.now()
        let id = InvoiceID.generate(ids, at: now)
        let total = draft.lines.map { $0.net.amount + $0.vat.amount }.reduce(0, +)
        let due = draft.issuedAt.addingTimeInterval(Double(draft.paymentTermsDays) * 86_400)
        do {
            return try await issueNew(draft, id: id, total: total, due: due, on: db)
        } catch is DuplicateOrder {
            // Another transaction invoiced the order first; its number stands and ours was never taken.
            guard let orderID = draft.orderID, let existing = try await invoice(forOrder: orderID, on: db) else {
                throw InvoicingError.invoiceNotFound
            }
            return (existing, false)
        }
    }

    private struct DuplicateOrder: Error {}

    private func issueNew(
        _ draft: InvoiceDraft, id: InvoiceID, total: Int64, due: Date, on db: any SQLDatabase
    ) async throws -> (invoice: Invoice, isNew: Bool) {
        try await Savepoint.atomically("invoicing_issue", on: db) {
            guard
                let counter = try await db.raw(
                    """
                    UPDATE invoice_series SET next_value = next_value + 1 WHERE name = 'invoice'
                    RETURNING prefix, next_value
                    """
                ).first()
            else { throw PersistenceError.corruptRow(table: "invoice_series", detail: "missing series invoice") }
            let number = try counter.string("prefix") + String(format: "%06d", try counter.int("next_value") - 1)
            // The counter was advanced first, so a second invoice for the same order waits for the first
            // to commit, finds it here, and rolls its number back with the savepoint: no gap.
            guard
                try await db.raw(
                    """
                    INSERT INTO invoices (id, number, order_id, customer_id, company_id, bill_to, currency, total, paid,
                                          issued_at, due_at)
                    VALUES (\(bind: id.rawValue), \(bind: number), \(bind: draft.orderID), \(bind: draft.customerID),
                            \(bind: draft.companyID), \(bind: draft.billTo), \(bind: draft.currency.code), \(bind: total), 0,
                            \(bind: draft.issuedAt.epochMicroseconds), \(bind: due.epochMicroseconds))
                    ON CONFLICT DO NOTHING RETURNING id
                    """
                ).first() != nil
            else { throw DuplicateOrder() }
            for (index, line) in draft.lines.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO invoice_lines (invoice_id, line_no, description, sku, quantity, net, vat_rate, vat)
                    VALUES (\(bind: id.rawValue), \(bind: index), \(bind: line.description), \(bind: line.sku),
                            \(bind: line.quantity), \(bind: line.net.amount), \(bind: line.vatRate), \(bind: line.vat.amount))
                    """
                ).run()
            }
            let totalMoney = Money(minorUnits: total, currency: draft.currency)
            try await outbox.append(
                InvoiceIssued(
                    invoiceID: id, number: number, orderID: draft.orderID, companyID: draft.companyID,
                    total: totalMoney,
                    dueAt: due), on: db)
            return (
                Invoice(
                    id: id, number: number, orderID: draft.orderID, customerID: draft.customerID,
                    companyID: draft.companyID, billTo: draft.billTo, issuedAt: draft.issuedAt, dueAt: due,
                    lines: draft.lines, total: totalMoney, paid: .zero(draft.currency),
                    credited: .zero(draft.currency), status: total == 0 ? .paid : .open), true
            )
        }
    }

    /// Records money received: never more than is open, once per reference (a bank statement line
    /// imported twice records once).
    public func recordPayment(
        _ id: InvoiceID, amount: Money, receivedAt: Date, reference: String, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> (payment: InvoicePayment, invoice: Invoice) {
        var validator = Validator()
        validator.check(amount.isPositive, "/amount", "must be positive", code: "invalid_amount")
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        validator.check(
            !trimmed.isEmpty && trimmed.count <= 200, "/reference", "must be 1 to 200 characters",
            code: "invalid_reference")
        try validator.finish()
        let current = try await invoice(id, on: db)
        guard amount.currency == current.total.currency else {
            throw ValidationError([
                FieldError(
                    pointer: "/amount/currency", message: "must be \(current.total.currency.code)",
                    code: "currency_mismatch")
            ])
        }
        if let existing = try await payment(of: id, reference: trimmed, on: db) { return (existing, current) }
        let now = clock.now()
        let paymentID = InvoicePaymentID.generate(ids, at: now)
        do {
            return try await Savepoint.atomically("invoicing_payment", on: db) {
                // The reference first: the same bank line recorded twice at once records once.
                guard
                    try await db.raw(
                        """
                        INSERT INTO invoice_payments (id, invoice_id, amount, received_at, reference)
                        VALUES (\(bind: paymentID.rawValue), \(bind: id.rawValue), \(bind: amount.amount),
                                \(bind: receivedAt.epochMicroseconds), \(bind: trimmed))
                        ON CONFLICT DO NOTHING RETURNING id
                        """
                    ).first() != nil
                else { throw DuplicateReference() }
                // Guarded: payments at once can never take more than is open between them.
                guard
                    try await db.raw(
                        """
                        UPDATE invoices SET paid = paid + \(bind: amount.amount)
                        WHERE id = \(bind: id.rawValue) AND paid + credited + \(bind: amount.amount) <= total
                        RETURNING id
                        """
                    ).first() != nil
                else { throw InvoicingError.paymentExceedsOpenAmount(open: try await invoice(id, on: db).open) }
                try await audit.record(
                    "invoice.payment_recorded", by: actor, target: ("invoice", id.rawValue),
                    detail: ["amount": amount.decimalString, "reference": trimmed], on: db)
                try await outbox.append(
                    InvoicePaymentRecorded(
                        paymentID: paymentID, invoiceID: id, number: current.number, amount: amount,
                        receivedAt: receivedAt),
                    on: db)
                let payment = InvoicePayment(
                    id: paymentID, invoiceID: id, amount: amount, receivedAt: receivedAt, reference: trimmed)
                return (payment, try await invoice(id, on: db))
            }
        } catch is DuplicateReference {
            guard let existing = try await payment(of: id, reference: trimmed, on: db) else {
                throw InvoicingError.invoiceNotFound
            }
            return (existing, try await invoice(id, on: db))
        }
    }

    private struct DuplicateReference: Error {}
}
