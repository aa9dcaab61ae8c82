public import TorvCore

public enum InvoicePrefix: IDPrefix { public static let prefix = "inv" }
/// A customer invoice.
public typealias InvoiceID = TypedID<InvoicePrefix>

public enum InvoicePaymentPrefix: IDPrefix { public static let prefix = "invpay" }
/// Money received against an invoice.
public typealias InvoicePaymentID = TypedID<InvoicePaymentPrefix>
