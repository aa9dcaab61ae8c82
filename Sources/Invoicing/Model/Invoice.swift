public import Foundation
public import TorvCore

/// Where an invoice stands. Overdue is not a state: it is an open invoice past its due date, read
/// against a date (see ``Ageing``).
public enum InvoiceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case partiallyPaid = "partially_paid"
    case paid
    /// Credited in full: nothing was or is owed.
    case credited
}

/// One line of an invoice, priced net with its VAT, as the order snapshot had it.
public struct InvoiceLine: Sendable, Hashable, Codable {
    public var description: String
    public var sku: String?
    public var quantity: Int
    public var net: Money
    public var vatRate: Int
    public var vat: Money

    public init(description: String, sku: String?, quantity: Int, net: Money, vatRate: Int, vat: Money) {
        self.description = description
        self.sku = sku
        self.quantity = quantity
        self.net = net
        self.vatRate = vatRate
        self.vat = vat
    }

    public var total: Money { Money(minorUnits: net.amount + vat.amount, currency: net.currency) }
}

/// What to invoice: one per order, sent to a customer (and their company) on payment terms.
public struct InvoiceDraft: Sendable, Hashable {
    public var orderID: String?
    public var customerID: String?
    public var companyID: String?
    public var billTo: String
    public var currency: Currency
    public var issuedAt: Date
    public var paymentTermsDays: Int
    public var lines: [InvoiceLine]

    public init(
        orderID: String?, customerID: String?, companyID: String?, billTo: String, currency: Currency,
        issuedAt: Date, paymentTermsDays: Int, lines: [InvoiceLine]
    ) {
        self.orderID = orderID
        self.customerID = customerID
        self.companyID = companyID
        self.billTo = billTo
        self.currency = currency
        self.issuedAt = issuedAt
        self.paymentTermsDays = paymentTermsDays
        self.lines = lines
    }
}

/// An issued invoice. Its number is from a gapless series; its lines never change; payments reduce
/// what is open.
public struct Invoice: Sendable, Hashable, Codable {
    public let id: InvoiceID
    public let number: String
    public let orderID: String?
    public let customerID: String?
    public let companyID: String?
    public let billTo: String
    public let issuedAt: Date
    public let dueAt: Date
    public let lines: [InvoiceLine]
    public let total: Money
    public let paid: Money
    /// Credit notes against it, in all.
    public let credited: Money
    public let status: InvoiceStatus

    /// What the customer still owes; negative when credit notes came after payment (the customer is in
    /// credit until the money goes back).
    public var open: Money {
        Money(minorUnits: total.amount - paid.amount - credited.amount, currency: total.currency)
    }

    static func status(total: Int64, paid: Int64, credited: Int64) -> InvoiceStatus {
        if credited >= total && total > 0 && paid == 0 { return .credited }
        if paid + credited >= total { return .paid }
        return paid > 0 || credited > 0 ? .partiallyPaid : .open
    }
}

/// Money received against an invoice.
public struct InvoicePayment: Sendable, Hashable, Codable {
    public let id: InvoicePaymentID
    public let invoiceID: InvoiceID
    public let amount: Money
    public let receivedAt: Date
    public let reference: String
}
