import Orders
import Testing
import TorvCore

@Suite("Orders errors")
struct OrdersErrorTests {
    /// Clients switch on these codes: changing one breaks them, so the table is the contract.
    @Test(
        "codes are stable snake_case and kinds are right",
        arguments: [
            (OrdersError.orderNotFound, "order_not_found", ErrorKind.notFound),
            (.fulfilmentNotFound, "fulfilment_not_found", .notFound),
            (.returnNotFound, "return_not_found", .notFound),
            (.invalidOrderTransition(from: .placed, to: .delivered), "invalid_order_transition", .conflict),
            (.invalidFulfilmentTransition(from: .pending, to: .delivered), "invalid_fulfilment_transition", .conflict),
            (.invalidReturnTransition(from: .requested, to: .refunded), "invalid_return_transition", .conflict),
            (.checkoutKeyReused, "checkout_key_reused", .conflict),
            (.alreadyPaid, "already_paid", .conflict),
            (.alreadyShipped, "already_shipped", .conflict),
            (.quantityUnavailable(line: 1, remaining: 0), "quantity_unavailable", .unprocessable),
            (.pickupCodeIncorrect(attemptsLeft: 2), "pickup_code_incorrect", .unprocessable),
            (.pickupLocked, "pickup_locked", .conflict),
            (.returnNotApproved, "return_not_approved", .unprocessable),
            (.refundExceedsDue(due: .eur(100)), "refund_exceeds_due", .unprocessable),
            (.refundExceedsTotal(remaining: .eur(100)), "refund_exceeds_total", .unprocessable),
            (.paymentRefundAlreadyRecorded, "payment_refund_already_recorded", .conflict),
            (.totalsMismatch(expected: .eur(100)), "totals_mismatch", .invalid),
            (.currencyMismatch(expected: .eur), "currency_mismatch", .invalid),
        ])
    func codes(error: OrdersError, code: String, kind: ErrorKind) {
        #expect(error.code == code)
        #expect(error.kind == kind)
        #expect(!error.message.isEmpty)
    }

    @Test("an unavailable quantity points at the line's quantity")
    func pointer() {
        let error = OrdersError.quantityUnavailable(line: 2, remaining: -1)
        #expect(error.fieldErrors.map(\.pointer) == ["/lines/2/quantity"])
        #expect(error.message == "Only 0 units of this line remain.")
    }
}
