public import TorvCore

/// Orders' refusals, with stable codes that clients switch on.
///
/// The first group describes one bad input field; facades collect them with a `Validator` and throw
/// them together as a `ValidationError` (code `validation_failed`), each field error carrying one of
/// these codes and its JSON pointer. The rest are thrown on their own.
public enum OrdersError: DomainError, Equatable {
    // MARK: Field problems (collected)
    case required
    case tooLong(maximum: Int)
    case invalidEmail
    case invalidCountryCode
    case currencyMismatch(expected: Currency)
    case quantityMustBePositive
    case quantityTooLarge(maximum: Int)
    case linesRequired
    case subtotalMismatch(expected: Money)
    case discountMismatch(expected: Money)
    case lineTotalMismatch
    case totalsMismatch(expected: Money)
    case invalidTaxRate
    case amountMustNotBeNegative
    case amountMustBePositive
    case unknownLine(OrderLineID)
    case duplicateLine(OrderLineID)
    case inspectionMissing(OrderLineID)

    // MARK: Refusals
    case orderNotFound
    case subOrderNotFound
    /// A sub-order names a line that is not its seller's, or a seller's line is in no sub-order.
    case unknownLinePosition
    case fulfilmentNotFound
    case returnNotFound
    case invalidOrderTransition(from: OrderStatus, to: OrderStatus)
    case invalidFulfilmentTransition(from: FulfilmentStatus, to: FulfilmentStatus)
    case invalidReturnTransition(from: ReturnStatus, to: ReturnStatus)
    /// The checkout key was used for a different order.
    case checkoutKeyReused
    /// The order was paid with another payment already.
    case alreadyPaid
    /// Something has shipped; the order can no longer be cancelled, only returned.
    case alreadyShipped
    /// Line `line` asks for more units than remain to fulfil or return.
    case quantityUnavailable(line: Int, remaining: Int)
    case pickupCodeIncorrect(attemptsLeft: Int)
    /// Too many wrong codes: staff must issue a new code (``Orders/readyForPickup(_:by:on:)`` again).
    case pickupLocked
    case returnNotApproved
    /// A refund larger than what the return is due.
    case refundExceedsDue(due: Money)
    /// Refunds would add up to more than the order's grand total.
    case refundExceedsTotal(remaining: Money)
    case paymentRefundAlreadyRecorded
    case exchangeAlreadyLinked
    /// A customer may cancel only before anyone started on the order (no fulfilment, nothing shipped).
    case orderNotCancellable(status: OrderStatus)
    /// Only an approved return whose value is fixed and not yet paid out can pay for an exchange.
    case returnNotExchangeable(status: ReturnStatus)
    /// The replacement costs more than the return is worth; only equal or lower value exchanges are made.
    case exchangeExceedsReturnValue(value: Money)
    /// An exchange took the whole value of the return: no money is left to refund.
    case nothingToRefund

    public var code: String {
        switch self {
        case .required: "required"
        case .tooLong: "too_long"
        case .invalidEmail: "invalid_email"
        case .invalidCountryCode: "invalid_country_code"
        case .currencyMismatch: "currency_mismatch"
        case .quantityMustBePositive: "quantity_must_be_positive"
        case .quantityTooLarge: "quantity_too_large"
        case .linesRequired: "lines_required"
        case .subtotalMismatch: "subtotal_mismatch"
        case .discountMismatch: "discount_mismatch"
        case .lineTotalMismatch: "line_total_mismatch"
        case .totalsMismatch: "totals_mismatch"
        case .invalidTaxRate: "invalid_tax_rate"
        case .amountMustNotBeNegative: "amount_must_not_be_negative"
        case .amountMustBePositive: "amount_must_be_positive"
        case .unknownLine: "unknown_line"
        case .duplicateLine: "duplicate_line"
        case .inspectionMissing: "inspection_missing"
        case .orderNotFound: "order_not_found"
        case .subOrderNotFound: "sub_order_not_found"
        case .unknownLinePosition: "sub_order_lines_mismatch"
        case .fulfilmentNotFound: "fulfilment_not_found"
        case .returnNotFound: "return_not_found"
        case .invalidOrderTransition: "invalid_order_transition"
        case .invalidFulfilmentTransition: "invalid_fulfilment_transition"
        case .invalidReturnTransition: "invalid_return_transition"
        case .checkoutKeyReused: "checkout_key_reused"
        case .alreadyPaid: "already_paid"
        case .alreadyShipped: "already_shipped"
        case .quantityUnavailable: "quantity_unavailable"
        case .pickupCodeIncorrect: "pickup_code_incorrect"
        case .pickupLocked: "pickup_locked"
        case .returnNotApproved: "return_not_approved"
        case .refundExceedsDue: "refund_exceeds_due"
        case .refundExceedsTotal: "refund_exceeds_total"
        case .paymentRefundAlreadyRecorded: "payment_refund_already_recorded"
        case .exchangeAlreadyLinked: "exchange_already_linked"
        case .orderNotCancellable: "order_not_cancellable"
        case .returnNotExchangeable: "return_not_exchangeable"
        case .exchangeExceedsReturnValue: "exchange_exceeds_return_value"
        case .nothingToRefund: "nothing_to_refund"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .required, .tooLong, .invalidEmail, .invalidCountryCode, .currencyMismatch, .quantityMustBePositive,
            .quantityTooLarge, .linesRequired, .subtotalMismatch, .discountMismatch, .lineTotalMismatch,
            .totalsMismatch, .invalidTaxRate, .amountMustNotBeNegative, .amountMustBePositive, .unknownLine,
            .duplicateLine, .inspectionMissing, .unknownLinePosition:
            .invalid
        case .orderNotFound, .subOrderNotFound, .fulfilmentNotFound, .returnNotFound: .notFound
        case .invalidOrderTransition, .invalidFulfilmentTransition, .invalidReturnTransition, .checkoutKeyReused,
            .alreadyPaid, .alreadyShipped, .pickupLocked, .paymentRefundAlreadyRecorded, .exchangeAlreadyLinked,
            .orderNotCancellable,
            .returnNotExchangeable, .nothingToRefund:
            .conflict
        case .quantityUnavailable, .pickupCodeIncorrect, .returnNotApproved, .refundExceedsDue, .refundExceedsTotal,
            .exchangeExceedsReturnValue:
            .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .required: "must not be empty"
        case .tooLong(let maximum): "must be at most \(maximum) characters"
        case .invalidEmail: "must be an e-mail address"
        case .invalidCountryCode: "must be an ISO 3166-1 alpha-2 code such as DE"
        case .currencyMismatch(let expected): "must be in \(expected.code), the order's currency"
        case .quantityMustBePositive: "must be at least 1"
        case .quantityTooLarge(let maximum): "must be at most \(maximum)"
        case .linesRequired: "must contain at least one line"
        case .subtotalMismatch(let expected): "must be \(expected)"
        case .discountMismatch(let expected): "must be \(expected)"
        case .lineTotalMismatch: "must be subtotal − discount, plus tax when prices exclude tax"
        case .totalsMismatch(let expected): "must be \(expected)"
        case .invalidTaxRate: "must be between 0 and 10000 basis points"
        case .amountMustNotBeNegative: "must not be negative"
        case .amountMustBePositive: "must be positive"
        case .unknownLine(let id): "the order has no line \(id)"
        case .duplicateLine(let id): "line \(id) appears more than once"
        case .inspectionMissing(let id): "line \(id) of the return needs an inspection outcome"
        case .orderNotFound: "There is no such order."
        case .subOrderNotFound: "There is no such sub-order."
        case .unknownLinePosition: "Each seller's lines must be in exactly that seller's sub-order."
        case .fulfilmentNotFound: "There is no such fulfilment."
        case .returnNotFound: "There is no such return."
        case .invalidOrderTransition(let from, let to):
            "An order cannot go from \(from.rawValue) to \(to.rawValue)."
        case .invalidFulfilmentTransition(let from, let to):
            "A fulfilment cannot go from \(from.rawValue) to \(to.rawValue)."
        case .invalidReturnTransition(let from, let to):
            "A return cannot go from \(from.rawValue) to \(to.rawValue)."
        case .checkoutKeyReused: "This checkout key was already used for a different order."
        case .alreadyPaid: "The order has been paid with another payment."
        case .alreadyShipped: "Part of the order has shipped; it can be returned, not cancelled."
        case .quantityUnavailable(_, let remaining): "Only \(max(remaining, 0)) units of this line remain."
        case .pickupCodeIncorrect(let attemptsLeft): "The pick-up code is wrong; \(attemptsLeft) attempts left."
        case .pickupLocked: "Too many wrong pick-up codes; a new code must be issued."
        case .returnNotApproved: "The return has not been approved."
        case .refundExceedsDue(let due): "At most \(due) is due for this return."
        case .refundExceedsTotal(let remaining): "At most \(remaining) of the order remains to refund."
        case .paymentRefundAlreadyRecorded: "This payment refund has been recorded already."
        case .exchangeAlreadyLinked: "The return already has an exchange order."
        case .orderNotCancellable(let status):
            "The order is \(status.rawValue) and its preparation may have started; it can no longer be cancelled "
                + "online. Ask for a return once it arrives, or contact the shop."
        case .returnNotExchangeable(let status):
            "A \(status.rawValue) return cannot pay for an exchange; it must be approved and not yet refunded."
        case .exchangeExceedsReturnValue(let value):
            "The replacement costs more than the return is worth (\(value)); only exchanges of equal or lower "
                + "value are possible."
        case .nothingToRefund: "An exchange took the whole value of the return; nothing is left to refund."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .quantityUnavailable(let line, _):
            [FieldError(pointer: FieldError.pointer("lines", String(line), "quantity"), message: message, code: code)]
        default: []
        }
    }
}
