import Flows
import Foundation
import Invoicing
import OpenAPIRuntime
import Persistence
import TorvAPI
import TorvCore

/// Customer invoices: the receivables of sales on payment terms.
extension APIHandlers {
    func listInvoices(_ input: Operations.ListInvoices.Input) async throws -> Operations.ListInvoices.Output {
        let cursor = try Paging.cursor(input.query.cursor, as: InvoiceID.self, name: "cursor")
        let limit = input.query.limit ?? 50
        let invoicing = platform.invoicing
        let (open, company) = (input.query.open ?? false, input.query.companyId)
        let page = try await platform.database.read { db in
            try await invoicing.invoices(openOnly: open, companyID: company, after: cursor, limit: limit + 1, on: db)
        }
        let (shown, next) = Paging.page(page, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(invoices: shown.map { Components.Schemas.Invoice($0) }, nextCursor: next))))
    }

    func getInvoice(_ input: Operations.GetInvoice.Input) async throws -> Operations.GetInvoice.Output {
        guard let id = InvoiceID(input.path.invoiceId) else { throw InvoicingError.invoiceNotFound }
        let invoicing = platform.invoicing
        let (invoice, notes) = try await platform.database.read { db in
            (try await invoicing.invoice(id, on: db), try await invoicing.creditNotes(of: id, on: db))
        }
        return .ok(.init(body: .json(.init(invoice, creditNotes: notes))))
    }

    func recordInvoicePayment(
        _ input: Operations.RecordInvoicePayment.Input
    ) async throws
        -> Operations.RecordInvoicePayment.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        guard let id = InvoiceID(input.path.invoiceId) else { throw InvoicingError.invoiceNotFound }
        let amount = try Self.money(body.amount, at: "/amount")
        let actor = try actor()
        let invoicing = platform.invoicing
        let receivedAt = body.receivedAt ?? platform.clock.now()
        let recorded = try await platform.database.inTransaction { db in
            try await invoicing.recordPayment(
                id, amount: amount, receivedAt: receivedAt, reference: body.reference, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(recorded.invoice))))
    }

    func getReceivablesAgeing(
        _ input: Operations.GetReceivablesAgeing.Input
    ) async throws
        -> Operations.GetReceivablesAgeing.Output
    {
        // The end of the given day: an invoice due that day is not yet late.
        let asOf = try Self.day(input.query.asOf, name: "as_of").addingTimeInterval(86_400 - 1)
        let invoicing = platform.invoicing
        let company = input.query.companyId
        let ageing = try await platform.database.read { db in
            try await invoicing.ageing(asOf: asOf, companyID: company, on: db)
        }
        let currencies = ageing.totals.keys.sorted { $0.code < $1.code }.map { currency in
            let buckets = ageing.totals[currency] ?? [:]
            return Operations.GetReceivablesAgeing.Output.Ok.Body.JsonPayload.CurrenciesPayloadPayload(
                currency: currency.code, current: buckets[.current] ?? 0, days130: buckets[.days1To30] ?? 0,
                days3160: buckets[.days31To60] ?? 0, days6190: buckets[.days61To90] ?? 0, over90: buckets[.over90] ?? 0,
                total: buckets.values.reduce(0, +))
        }
        return .ok(.init(body: .json(.init(asOf: asOf, currencies: currencies))))
    }
}

extension Components.Schemas.Invoice {
    init(_ invoice: Invoice, creditNotes: [CreditNote]? = nil) {
        self.init(
            id: invoice.id.rawValue, number: invoice.number, orderId: invoice.orderID, customerId: invoice.customerID,
            companyId: invoice.companyID, billTo: invoice.billTo, issuedAt: invoice.issuedAt, dueAt: invoice.dueAt,
            total: .init(invoice.total), paid: .init(invoice.paid), credited: .init(invoice.credited),
            open: .init(invoice.open), status: .init(rawValue: invoice.status.rawValue) ?? .open,
            creditNotes: creditNotes?.map { note in
                .init(
                    id: note.id.rawValue, number: note.number, total: .init(note.total), reason: note.reason,
                    issuedAt: note.issuedAt,
                    lines: note.lines.map { .init(vatRate: $0.vatRate, net: .init($0.net), vat: .init($0.vat)) })
            },
            lines: invoice.lines.map {
                .init(
                    description: $0.description, sku: $0.sku, quantity: $0.quantity, net: .init($0.net),
                    vatRate: $0.vatRate, vat: .init($0.vat))
            })
    }
}
