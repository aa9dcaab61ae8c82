public import TorvCore

public enum InvoicePrefix: IDPrefix { public static let prefix = "inv" }
/// A customer invoice.
public typealias InvoiceID = TypedID<InvoicePrefix>

public enum InvoicePaymentPrefix: IDPrefix { public static let prefix = "invpay" }
/// Money received against an invoice.
public typealias InvoicePaymentID = TypedID<InvoicePaymentPrefix>

public enum CreditNotePrefix: IDPrefix { public static let prefix = "cn" }
/// A credit note against an invoice.
public typealias CreditNoteID = TypedID<CreditNotePrefix>
