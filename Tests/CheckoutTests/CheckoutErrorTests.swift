import Checkout
import Testing
import TorvCore

@Suite("Checkout errors")
struct CheckoutErrorTests {
    @Test(
        "codes are stable and kinds map to the right class of failure",
        arguments: [
            (CheckoutError.cartNotFound, "cart_not_found", ErrorKind.notFound),
            (.lineNotFound, "cart_line_not_found", .notFound),
            (.cartAlreadyCheckedOut(orderReference: "ord_1"), "cart_already_checked_out", .conflict),
            (.cartNotOpen(.merged), "cart_not_open", .conflict),
            (.cartEmpty, "cart_empty", .unprocessable),
            (.quantityLimitExceeded(maximum: 999), "quantity_limit_exceeded", .unprocessable),
            (.tooManyLines(maximum: 100), "too_many_lines", .unprocessable),
            (.taxRateMissing(country: "DE", taxClass: "reduced"), "tax_rate_missing", .unprocessable),
            (.currencyMismatch(expected: .eur, found: .sek), "currency_mismatch", .unprocessable),
            (
                .countryInAnotherZone(country: "DE", zone: ShippingZoneID.generate()), "country_in_another_zone",
                .conflict
            ),
            (.shippingMethodUnavailable, "shipping_method_unavailable", .unprocessable),
            (.quantityMustBePositive, "quantity_must_be_positive", .invalid),
            (.invalidCountry("XX"), "invalid_country", .invalid),
        ])
    func codes(error: CheckoutError, code: String, kind: ErrorKind) {
        #expect(error.code == code)
        #expect(error.kind == kind)
        #expect(!error.message.isEmpty)
    }

    @Test("the messages name what the caller needs: the order, the country and class, the limit")
    func messages() {
        #expect(CheckoutError.cartAlreadyCheckedOut(orderReference: "ord_7").message.contains("ord_7"))
        let missing = CheckoutError.taxRateMissing(country: "SE", taxClass: "books").message
        #expect(missing.contains("SE") && missing.contains("books"))
        #expect(CheckoutError.taxRateMissing(country: nil, taxClass: "books").message.contains("destination"))
        #expect(CheckoutError.quantityLimitExceeded(maximum: 999).message.contains("999"))
    }

    @Test("a quantity over the limit points at /quantity")
    func pointer() {
        #expect(CheckoutError.quantityLimitExceeded(maximum: 5).fieldErrors.map(\.pointer) == ["/quantity"])
        #expect(CheckoutError.cartNotFound.fieldErrors.isEmpty)
    }
}
