public import TorvCore

public enum PaymentPrefix: IDPrefix { public static let prefix = "pay" }
/// One payment for one order (its `reference`): authorised, captured, refunded over time.
public typealias PaymentID = TypedID<PaymentPrefix>

public enum RefundPrefix: IDPrefix { public static let prefix = "rfnd" }
/// One refund of part or all of a payment's captured amount.
public typealias RefundID = TypedID<RefundPrefix>

public enum PaymentAttemptPrefix: IDPrefix { public static let prefix = "patt" }
/// One call to a provider (authorise, capture, void or refund). Its raw value is the idempotency key the
/// provider sees, so a repeated call and a later lookup both find the same charge.
public typealias PaymentAttemptID = TypedID<PaymentAttemptPrefix>
