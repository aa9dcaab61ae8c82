public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Invoicing {
    /// Issues a credit note against an invoice, once per `sourceKey`: the same refund delivered twice
    /// returns the first note (`isNew` false). Never credits more than the invoice's total in all
    /// (`credit_exceeds_invoice`); numbers come from the `CN-` series, gapless like invoices.
    public func issueCreditNote(
        _ draft: CreditNoteDraft, on db: any SQLDatabase
    ) async throws -> (creditNote: CreditNote, isNew: Bool) {
        let invoice = try await invoice(draft.invoiceID, on: db)
        let currency = invoice.total.currency
        var validator = Validator()
        validator.check(!draft.lines.isEmpty, "/lines", "needs at least one line", code: "lines_required")
        for (index, line) in draft.lines.enumerated() {
            validator.check(
                line.net.currency == currency && line.vat.currency == currency, "/lines/\(index)",
                "must be in \(currency.code)", code: "currency_mismatch")
        }
        let total = draft.lines.map { $0.net.amount + $0.vat.amount }.reduce(0, +)
        validator.check(total > 0, "/lines", "must credit a positive amount", code: "invalid_amount")
        validator.check(!draft.sourceKey.isEmpty, "/source_key", "is required", code: "required")
        try validator.finish()
        if let existing = try await creditNote(sourceKey: draft.sourceKey, on: db) { return (existing, false) }
        let id = CreditNoteID.generate(ids, at: clock.now())
        let totalMoney = Money(minorUnits: total, currency: currency)
        do {
            return try await Savepoint.atomically("invoicing_credit", on: db) {
                guard
                    let counter = try await db.raw(
                        """
                        UPDATE invoice_series SET next_value = next_value + 1 WHERE name = 'credit_note'
                        RETURNING prefix, next_value
                        """
                    ).first()
                else {
                    throw PersistenceError.corruptRow(table: "invoice_series", detail: "missing series credit_note")
                }
                let number = try counter.string("prefix") + String(format: "%06d", try counter.int("next_value") - 1)
                // The counter first, then the source key: a second delivery of the same refund waits, finds
                // the note and rolls its number back with the savepoint.
                guard
                    try await db.raw(
                        """
                        INSERT INTO credit_notes (id, number, invoice_id, source_key, reason, total, lines, issued_at)
                        VALUES (\(bind: id.rawValue), \(bind: number), \(bind: invoice.id.rawValue),
                                \(bind: draft.sourceKey), \(bind: draft.reason), \(bind: total),
                                \(bind: try Self.encodeLines(draft.lines)), \(bind: draft.issuedAt.epochMicroseconds))
                        ON CONFLICT DO NOTHING RETURNING id
                        """
                    ).first() != nil
                else { throw DuplicateSource() }
                guard
                    try await db.raw(
                        """
                        UPDATE invoices SET credited = credited + \(bind: total)
                        WHERE id = \(bind: invoice.id.rawValue) AND credited + \(bind: total) <= total RETURNING id
                        """
                    ).first() != nil
                else {
                    throw InvoicingError.creditExceedsInvoice(
                        creditable: Money(
                            minorUnits: invoice.total.amount - invoice.credited.amount, currency: currency))
                }
                try await outbox.append(
                    CreditNoteIssued(
                        creditNoteID: id, number: number, invoiceID: invoice.id, invoiceNumber: invoice.number,
                        total: totalMoney), on: db)
                return (
                    CreditNote(
                        id: id, number: number, invoiceID: invoice.id, sourceKey: draft.sourceKey, reason: draft.reason,
                        issuedAt: draft.issuedAt, lines: draft.lines, total: totalMoney), true
                )
            }
        } catch is DuplicateSource {
            guard let existing = try await creditNote(sourceKey: draft.sourceKey, on: db) else {
                throw InvoicingError.invoiceNotFound
            }
            return (existing, false)
        }
    }

    private struct DuplicateSource: Error {}

    /// The credit notes against an invoice, oldest first.
    public func creditNotes(of invoiceID: InvoiceID, on db: any SQLDatabase) async throws -> [CreditNote] {
        try await loadCreditNotes("n.invoice_id = \(bind: invoiceID.rawValue)", on: db)
    }

    public func creditNote(sourceKey: String, on db: any SQLDatabase) async throws -> CreditNote? {
        try await loadCreditNotes("n.source_key = \(bind: sourceKey)", on: db).first
    }

    private func loadCreditNotes(_ condition: SQLQueryString, on db: any SQLDatabase) async throws -> [CreditNote] {
        try await db.raw(
            """
            SELECT n.id, n.number, n.invoice_id, n.source_key, n.reason, n.total, n.lines, n.issued_at, i.currency
            FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id WHERE
            """ + " " + condition + " ORDER BY n.id"
        ).all().map { row in
            let currency = try row.currency("currency")
            let lines = try JSONDecoder().decode(
                [CreditNoteLine].self, from: Data(try row.string("lines").utf8))
            return CreditNote(
                id: try row.id("id", as: CreditNoteID.self, table: "credit_notes"), number: try row.string("number"),
                invoiceID: try row.id("invoice_id", as: InvoiceID.self, table: "credit_notes"),
                sourceKey: try row.string("source_key"), reason: try row.string("reason"),
                issuedAt: try row.date("issued_at"), lines: lines,
                total: Money(minorUnits: try row.decode(column: "total", as: Int64.self), currency: currency))
        }
    }

    static func encodeLines(_ lines: [CreditNoteLine]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(lines), as: UTF8.self)
    }
}
