public import Foundation
public import TorvCore

/// What a credit note gives back at one VAT rate.
public struct CreditNoteLine: Sendable, Hashable, Codable {
    public var vatRate: Int
    public var net: Money
    public var vat: Money

    public init(vatRate: Int, net: Money, vat: Money) {
        self.vatRate = vatRate
        self.net = net
        self.vat = vat
    }

    public var total: Money { Money(minorUnits: net.amount + vat.amount, currency: net.currency) }
}

/// A credit to issue against an invoice, once per business event (`sourceKey`, e.g. the refund).
public struct CreditNoteDraft: Sendable, Hashable {
    public var invoiceID: InvoiceID
    public var sourceKey: String
    public var reason: String
    public var issuedAt: Date
    public var lines: [CreditNoteLine]

    public init(invoiceID: InvoiceID, sourceKey: String, reason: String, issuedAt: Date, lines: [CreditNoteLine]) {
        self.invoiceID = invoiceID
        self.sourceKey = sourceKey
        self.reason = reason
        self.issuedAt = issuedAt
        self.lines = lines
    }
}

/// A credit note: its own gapless series (`CN-000001`), immutable, lowering what the invoice's customer
/// owes by its total (or, once the invoice was paid, leaving the customer in credit).
public struct CreditNote: Sendable, Hashable, Codable {
    public let id: CreditNoteID
    public let number: String
    public let invoiceID: InvoiceID
    public let sourceKey: String
    public let reason: String
    public let issuedAt: Date
    public let lines: [CreditNoteLine]
    public let total: Money
}
