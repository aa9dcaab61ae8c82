import Inventory
import Testing
import TorvCore

@Suite("Inventory errors")
struct InventoryErrorTests {
    static let location = StockLocationID.generate()

    /// Clients switch on these codes: changing one breaks them, so the table is the contract.
    @Test(
        "codes are stable snake_case and kinds are right",
        arguments: [
            (
                InventoryError.outOfStock(sku: "A", line: 0, requested: 2, available: 1), "out_of_stock",
                ErrorKind.unprocessable
            ),
            (.unknownLocation(location), "unknown_location", .invalid),
            (.quantityMustBePositive, "quantity_must_be_positive", .invalid),
            (.reservationNotFound, "reservation_not_found", .notFound),
            (.reservationExpired, "reservation_expired", .conflict),
            (.reservationAlreadyCommitted, "reservation_already_committed", .conflict),
            (.reservationAlreadyReleased, "reservation_already_released", .conflict),
            (.referenceAlreadyHeld("ord_1"), "reference_already_held", .conflict),
            (.insufficientStock(sku: "A", location: location, available: 0), "insufficient_stock", .unprocessable),
            (.countBelowReserved(sku: "A", line: 0, reserved: 3), "count_below_reserved", .unprocessable),
            (.backordersOutstanding(sku: "A", location: location, available: -3), "backorders_outstanding", .conflict),
            (.locationNotFound, "location_not_found", .notFound),
            (.stockChangedConcurrently(sku: "A"), "stock_changed_concurrently", .conflict),
        ])
    func codes(error: InventoryError, code: String, kind: ErrorKind) {
        #expect(error.code == code)
        #expect(error.kind == kind)
        #expect(!error.message.isEmpty)
    }

    @Test("out of stock points at the line and never shows negative stock")
    func outOfStockPointer() {
        let error = InventoryError.outOfStock(sku: "SKU-9", line: 2, requested: 3, available: -4)
        #expect(error.fieldErrors == [FieldError(pointer: "/lines/2", message: error.message, code: "out_of_stock")])
        #expect(error.message == "Only 0 of 3 units of SKU-9 are available.")
    }
}
