import Payments
import Testing
import TorvCore

@Suite("Payment errors")
struct PaymentErrorTests {
    /// Clients switch on these codes: the table is the contract.
    @Test(
        "codes are stable snake_case and kinds are right",
        arguments: [
            (PaymentError.cardDeclined, "card_declined", ErrorKind.unprocessable),
            (.insufficientFunds, "insufficient_funds", .unprocessable),
            (.declined(reason: "do_not_honor"), "payment_declined", .unprocessable),
            (
                .captureExceedsAuthorization(authorized: Money(minorUnits: 1, currency: .eur)),
                "capture_exceeds_authorization", .unprocessable
            ),
            (.alreadyCaptured, "already_captured", .conflict),
            (
                .refundExceedsCapture(refundable: Money(minorUnits: 0, currency: .eur)), "refund_exceeds_capture",
                .unprocessable
            ),
            (.refundKeyReused, "refund_key_reused", .unprocessable),
            (.invalidStateTransition(from: .voided, transition: "capture"), "invalid_state_transition", .conflict),
            (.operationInProgress, "operation_in_progress", .conflict),
            (.webhookSignatureInvalid, "webhook_signature_invalid", .unauthenticated),
            (.webhookTimestampOutOfTolerance, "webhook_timestamp_out_of_tolerance", .unauthenticated),
            (.webhookPayloadInvalid, "webhook_payload_invalid", .invalid),
            (.unknownProvider("x"), "unknown_provider", .invalid),
            (.providerUnavailable("x"), "provider_unavailable", .unavailable),
            (.paymentNotFound, "payment_not_found", .notFound),
            (.attemptNotFound, "attempt_not_found", .notFound),
            (.amountMustBePositive, "amount_must_be_positive", .invalid),
            (.referenceRequired, "reference_required", .invalid),
            (.netDaysOutOfRange, "net_days_out_of_range", .invalid),
        ])
    func codes(error: PaymentError, code: String, kind: ErrorKind) {
        #expect(error.code == code)
        #expect(error.kind == kind)
        #expect(!error.message.isEmpty)
    }

    @Test("declines map to their own codes")
    func declines() {
        #expect(PaymentError.forDecline(.cardDeclined) == .cardDeclined)
        #expect(PaymentError.forDecline(.insufficientFunds) == .insufficientFunds)
        #expect(PaymentError.forDecline(.authenticationFailed) == .declined(reason: "authentication_failed"))
    }
}
