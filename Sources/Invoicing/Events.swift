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
