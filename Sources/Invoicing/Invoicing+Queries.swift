public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Invoicing {
    public func invoice(_ id: InvoiceID, on db: any SQLDatabase) async throws -> Invoice {
        guard let invoice = try await load("id = \(bind: id.rawValue)", on: db).first else {
            throw InvoicingError.invoiceNotFound
        }
        return invoice
    }

    public func invoice(forOrder orderID: String, on db: any SQLDatabase) async throws -> Invoice? {
        try await load("order_id = \(bind: orderID)", on: db).first
    }

    /// Invoices newest first, `limit` after `cursor` (an invoice ID), optionally only open ones or one
    /// company's.
    public func invoices(
        openOnly: Bool = false, companyID: String? = nil, after cursor: InvoiceID? = nil, limit: Int = 50,
        on db: any SQLDatabase
    ) async throws -> [Invoice] {
        var condition: SQLQueryString = "id < \(bind: cursor?.rawValue ?? "~")"
        if openOnly { condition = condition + " AND paid + credited < total" }
        if let companyID { condition = condition + " AND company_id = \(bind: companyID)" }
        return try await load(condition, limit: limit, on: db)
    }

    func payment(of id: InvoiceID, reference: String, on db: any SQLDatabase) async throws -> InvoicePayment? {
        guard
            let row = try await db.raw(
                """
                SELECT p.id, p.amount, p.received_at, p.reference, i.currency FROM invoice_payments p
                JOIN invoices i ON i.id = p.invoice_id
                WHERE p.invoice_id = \(bind: id.rawValue) AND p.reference = \(bind: reference)
                """
            ).first()
        else { return nil }
        return InvoicePayment(
            id: try row.id("id", as: InvoicePaymentID.self, table: "invoice_payments"), invoiceID: id,
            amount: Money(
                minorUnits: try row.decode(column: "amount", as: Int64.self), currency: try row.currency("currency")),
            receivedAt: try row.date("received_at"), reference: try row.string("reference"))
    }

    /// Open receivables by lateness as of `asOf`, per currency (one aggregate read of open invoices).
    public func ageing(asOf: Date, companyID: String? = nil, on db: any SQLDatabase) async throws -> Ageing {
        let filter: SQLQueryString = companyID.map { " AND company_id = \(bind: $0)" } ?? ""
        let rows = try await db.raw(
            "SELECT currency, due_at, total - paid - credited AS open FROM invoices WHERE paid + credited < total"
                + filter
        ).all()
        var ageing = Ageing()
        for row in rows {
            ageing.add(
                Money(
                    minorUnits: try row.decode(column: "open", as: Int64.self), currency: try row.currency("currency")),
                due: try row.date("due_at"), asOf: asOf)
        }
        return ageing
    }

    /// What a company owes on open invoices, per currency: the figure a credit limit is checked against.
    public func outstanding(companyID: String, on db: any SQLDatabase) async throws -> [Money] {
        try await db.raw(
            """
            SELECT currency, CAST(SUM(total - paid - credited) AS BIGINT) AS open FROM invoices
            WHERE company_id = \(bind: companyID) AND paid + credited < total GROUP BY currency ORDER BY currency
            """
        ).all().map { row in
            Money(minorUnits: try row.decode(column: "open", as: Int64.self), currency: try row.currency("currency"))
        }
    }

    /// Open amounts per currency over all invoices: what the receivables account must show for them.
    public func openTotals(on db: any SQLDatabase) async throws -> [Money] {
        try await db.raw(
            """
            SELECT currency, CAST(SUM(total - paid - credited) AS BIGINT) AS open FROM invoices
            GROUP BY currency ORDER BY currency
            """
        ).all().map { row in
            Money(minorUnits: try row.decode(column: "open", as: Int64.self), currency: try row.currency("currency"))
        }
    }

    /// Money received against invoices, per currency.
    public func receivedTotals(on db: any SQLDatabase) async throws -> [Money] {
        try await db.raw(
            """
            SELECT i.currency, CAST(SUM(p.amount) AS BIGINT) AS received FROM invoice_payments p
            JOIN invoices i ON i.id = p.invoice_id GROUP BY i.currency ORDER BY i.currency
            """
        ).all().map { row in
            Money(
                minorUnits: try row.decode(column: "received", as: Int64.self), currency: try row.currency("currency"))
        }
    }

    private func load(_ condition: SQLQueryString, limit: Int = 1, on db: any SQLDatabase) async throws -> [Invoice] {
        let rows = try await db.raw(
            """
            SELECT id, number, order_id, customer_id, company_id, bill_to, currency, total, paid, credited, issued_at,
                   due_at
            FROM invoices WHERE
            """ + " " + condition + " ORDER BY id DESC LIMIT \(bind: limit)"
        ).all()
        var invoices: [Invoice] = []
        for row in rows {
            let id = try row.id("id", as: InvoiceID.self, table: "invoices")
            let currency = try row.currency("currency")
            let lines = try await db.raw(
                """
                SELECT description, sku, quantity, net, vat_rate, vat FROM invoice_lines
                WHERE invoice_id = \(bind: id.rawValue) ORDER BY line_no
                """
            ).all().map { line in
                InvoiceLine(
                    description: try line.string("description"), sku: try line.optionalString("sku"),
                    quantity: try line.int("quantity"),
                    net: Money(minorUnits: try line.decode(column: "net", as: Int64.self), currency: currency),
                    vatRate: try line.int("vat_rate"),
                    vat: Money(minorUnits: try line.decode(column: "vat", as: Int64.self), currency: currency))
            }
            let total = try row.decode(column: "total", as: Int64.self)
            let paid = try row.decode(column: "paid", as: Int64.self)
            let credited = try row.decode(column: "credited", as: Int64.self)
            invoices.append(
                Invoice(
                    id: id, number: try row.string("number"), orderID: try row.optionalString("order_id"),
                    customerID: try row.optionalString("customer_id"), companyID: try row.optionalString("company_id"),
                    billTo: try row.string("bill_to"), issuedAt: try row.date("issued_at"),
                    dueAt: try row.date("due_at"),
                    lines: lines, total: Money(minorUnits: total, currency: currency),
                    paid: Money(minorUnits: paid, currency: currency),
                    credited: Money(minorUnits: credited, currency: currency),
                    status: Invoice.status(total: total, paid: paid, credited: credited)))
        }
        return invoices
    }
}
