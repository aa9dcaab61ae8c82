public import Foundation
public import TorvCore

/// An invoice was issued (`invoice.issued`).
public struct InvoiceIssued: DomainEvent, Hashable {
    public static let eventType = "invoice.issued"
    public let invoiceID: InvoiceID
    public let number: String
    public let orderID: String?
    public let companyID: String?
    public let total: Money
    public let dueAt: Date
}

/// Money was received against an invoice (`invoice.payment_recorded`): the books move it from
/// receivables to the bank.
public struct InvoicePaymentRecorded: DomainEvent, Hashable {
    public static let eventType = "invoice.payment_recorded"
    public let paymentID: InvoicePaymentID
    public let invoiceID: InvoiceID
    public let number: String
    public let amount: Money
    public let receivedAt: Date
}

/// A credit note was issued against an invoice (`invoice.credited`). The books were moved by the
/// refund that caused it; this announces the document.
public struct CreditNoteIssued: DomainEvent, Hashable {
    public static let eventType = "invoice.credited"
    public let creditNoteID: CreditNoteID
    public let number: String
    public let invoiceID: InvoiceID
    public let invoiceNumber: String
    public let total: Money
}

/// An invoice is overdue enough for a reminder (`invoice.reminder_due`), announced once per level
/// (1 friendly, 2 firm, 3 final): whoever sends mail or calls the customer subscribes.
public struct InvoiceReminderDue: DomainEvent, Hashable {
    public static let eventType = "invoice.reminder_due"
    public let invoiceID: InvoiceID
    public let number: String
    public let customerID: String?
    public let companyID: String?
    public let level: Int
    public let dueAt: Date
    public let daysPastDue: Int
    public let open: Money
}
