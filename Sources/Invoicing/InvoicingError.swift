public import TorvCore

public enum InvoicingError: DomainError, Hashable {
    case invoiceNotFound
    case paymentExceedsOpenAmount(open: Money)

    public var code: String {
        switch self {
        case .invoiceNotFound: "invoice_not_found"
        case .paymentExceedsOpenAmount: "payment_exceeds_open_amount"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .invoiceNotFound: .notFound
        case .paymentExceedsOpenAmount: .conflict
        }
    }

    public var message: String {
        switch self {
        case .invoiceNotFound: "There is no such invoice."
        case .paymentExceedsOpenAmount(let open): "The invoice has only \(open) open."
        }
    }
}
