public import TorvCore

/// Payments' refusals, with stable codes that clients switch on.
///
/// Field problems (`amount_must_be_positive`, `reference_required`, …) are collected with a `Validator` and
/// thrown together as a `ValidationError`; the rest are thrown on their own.
public enum PaymentError: DomainError, Equatable {
    // MARK: Field problems (collected)
    case amountMustBePositive
    case referenceRequired
    case netDaysOutOfRange
    case reasonRequired
    case keyRequired
    case currencyMismatch(expected: String)

    // MARK: Refusals
    case paymentNotFound
    case attemptNotFound
    case cardDeclined
    case insufficientFunds
    /// The provider declined for a reason of its own (`reason` is its code).
    case declined(reason: String)
    case captureExceedsAuthorization(authorized: Money)
    case alreadyCaptured
    case refundExceedsCapture(refundable: Money)
    /// The same refund key was used for a different amount.
    case refundKeyReused
    case invalidStateTransition(from: PaymentStatus, transition: String)
    /// Another call to the provider for this payment has not been answered yet.
    case operationInProgress
    case unknownProvider(String)
    case providerUnavailable(String)
    case webhookSignatureInvalid
    case webhookTimestampOutOfTolerance
    case webhookPayloadInvalid

    public var code: String {
        switch self {
        case .amountMustBePositive: "amount_must_be_positive"
        case .referenceRequired: "reference_required"
        case .netDaysOutOfRange: "net_days_out_of_range"
        case .reasonRequired: "reason_required"
        case .keyRequired: "key_required"
        case .currencyMismatch: "currency_mismatch"
        case .paymentNotFound: "payment_not_found"
        case .attemptNotFound: "attempt_not_found"
        case .cardDeclined: "card_declined"
        case .insufficientFunds: "insufficient_funds"
        case .declined: "payment_declined"
        case .captureExceedsAuthorization: "capture_exceeds_authorization"
        case .alreadyCaptured: "already_captured"
        case .refundExceedsCapture: "refund_exceeds_capture"
        case .refundKeyReused: "refund_key_reused"
        case .invalidStateTransition: "invalid_state_transition"
        case .operationInProgress: "operation_in_progress"
        case .unknownProvider: "unknown_provider"
        case .providerUnavailable: "provider_unavailable"
        case .webhookSignatureInvalid: "webhook_signature_invalid"
        case .webhookTimestampOutOfTolerance: "webhook_timestamp_out_of_tolerance"
        case .webhookPayloadInvalid: "webhook_payload_invalid"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .amountMustBePositive, .referenceRequired, .netDaysOutOfRange, .reasonRequired, .keyRequired,
            .currencyMismatch, .webhookPayloadInvalid:
            .invalid
        case .cardDeclined, .insufficientFunds, .declined, .captureExceedsAuthorization, .refundExceedsCapture,
            .refundKeyReused:
            .unprocessable
        case .alreadyCaptured, .invalidStateTransition, .operationInProgress: .conflict
        case .paymentNotFound, .attemptNotFound: .notFound
        case .unknownProvider: .invalid
        case .providerUnavailable: .unavailable
        case .webhookSignatureInvalid, .webhookTimestampOutOfTolerance: .unauthenticated
        }
    }

    public var message: String {
        switch self {
        case .amountMustBePositive: "must be a positive amount"
        case .referenceRequired: "must name what is being paid for"
        case .netDaysOutOfRange: "must be between 0 and 365 days"
        case .reasonRequired: "must say why the money is refunded"
        case .keyRequired: "must carry an idempotency key"
        case .currencyMismatch(let expected): "must be in \(expected), the payment's currency"
        case .paymentNotFound: "There is no such payment."
        case .attemptNotFound: "There is no such payment attempt."
        case .cardDeclined: "The card was declined."
        case .insufficientFunds: "The card has insufficient funds."
        case .declined(let reason): "The payment was declined (\(reason))."
        case .captureExceedsAuthorization(let authorized): "At most \(authorized) can be captured."
        case .alreadyCaptured: "The payment has been captured already."
        case .refundExceedsCapture(let refundable): "At most \(refundable) can still be refunded."
        case .refundKeyReused: "This refund key was used for a different refund."
        case .invalidStateTransition(let from, let transition):
            "A \(from.rawValue) payment cannot take \(transition)."
        case .operationInProgress: "Another operation on this payment is still waiting for the provider."
        case .unknownProvider(let name): "There is no payment provider \(name)."
        case .providerUnavailable(let name): "The payment provider \(name) cannot be reached; try again later."
        case .webhookSignatureInvalid: "The webhook signature does not verify."
        case .webhookTimestampOutOfTolerance: "The webhook timestamp is too far from now."
        case .webhookPayloadInvalid: "The webhook body is not a valid event."
        }
    }

    /// The error a declined authorisation is reported as.
    public static func forDecline(_ reason: DeclineReason) -> PaymentError {
        switch reason {
        case .cardDeclined: .cardDeclined
        case .insufficientFunds: .insufficientFunds
        default: .declined(reason: reason.rawValue)
        }
    }
}
