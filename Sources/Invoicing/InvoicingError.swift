public import TorvCore

public enum InvoicingError: DomainError, Hashable {
    case invoiceNotFound
    case paymentExceedsOpenAmount(open: Money)
    /// Credit notes never add up to more than the invoice.
    case creditExceedsInvoice(creditable: Money)

    public var code: String {
        switch self {
        case .invoiceNotFound: "invoice_not_found"
        case .paymentExceedsOpenAmount: "payment_exceeds_open_amount"
        case .creditExceedsInvoice: "credit_exceeds_invoice"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .invoiceNotFound: .notFound
        case .paymentExceedsOpenAmount, .creditExceedsInvoice: .conflict
        }
    }

    public var message: String {
        switch self {
        case .invoiceNotFound: "There is no such invoice."
        case .paymentExceedsOpenAmount(let open): "The invoice has only \(open) open."
        case .creditExceedsInvoice(let creditable): "Only \(creditable) of the invoice can still be credited."
        }
    }
}
