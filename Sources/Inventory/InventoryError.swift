public import TorvCore

/// Inventory's refusals, with stable codes that clients switch on.
///
/// The first group describes one bad input field; facades collect them with a `Validator` and throw
/// them together as a `ValidationError` (code `validation_failed`), each field error carrying one of
/// these codes and its JSON pointer. The rest are thrown on their own.
public enum InventoryError: DomainError, Equatable {
    // MARK: Field problems (collected)
    case quantityMustBePositive
    case quantityTooLarge(maximum: Int)
    case quantityMustNotBeZero
    case quantityMustBeNegative
    case countMustNotBeNegative
    case skuRequired
    case unknownLocation(StockLocationID)
    case locationOffersNoPickup(StockLocationID)
    case sameLocation
    case linesRequired
    case expiryInThePast
    case referenceRequired
    case invalidLocationField(String)

    // MARK: Refusals
    /// Line `line` of a reservation cannot be served: only `available` of `requested` units could be.
    case outOfStock(sku: String, line: Int, requested: Int, available: Int)
    /// Staff tried to remove more free stock than there is.
    case insufficientStock(sku: String, location: StockLocationID, available: Int)
    /// A count found fewer units than are held for orders; release or re-route those holds first.
    case countBelowReserved(sku: String, line: Int, reserved: Int)
    /// A policy change would put existing backorders beyond the new limit.
    case backordersOutstanding(sku: String, location: StockLocationID, available: Int)
    case referenceAlreadyHeld(String)
    case reservationNotFound
    case reservationExpired
    case reservationAlreadyCommitted
    case reservationAlreadyReleased
    case locationNotFound
    /// Other checkouts kept changing the same stock faster than this request could plan; retry.
    case stockChangedConcurrently(sku: String)

    public var code: String {
        switch self {
        case .quantityMustBePositive: "quantity_must_be_positive"
        case .quantityTooLarge: "quantity_too_large"
        case .quantityMustNotBeZero: "quantity_must_not_be_zero"
        case .quantityMustBeNegative: "quantity_must_be_negative"
        case .countMustNotBeNegative: "count_must_not_be_negative"
        case .skuRequired: "sku_required"
        case .unknownLocation: "unknown_location"
        case .locationOffersNoPickup: "location_offers_no_pickup"
        case .sameLocation: "same_location"
        case .linesRequired: "lines_required"
        case .expiryInThePast: "expiry_in_the_past"
        case .referenceRequired: "reference_required"
        case .invalidLocationField: "invalid_location_field"
        case .outOfStock: "out_of_stock"
        case .insufficientStock: "insufficient_stock"
        case .countBelowReserved: "count_below_reserved"
        case .backordersOutstanding: "backorders_outstanding"
        case .referenceAlreadyHeld: "reference_already_held"
        case .reservationNotFound: "reservation_not_found"
        case .reservationExpired: "reservation_expired"
        case .reservationAlreadyCommitted: "reservation_already_committed"
        case .reservationAlreadyReleased: "reservation_already_released"
        case .locationNotFound: "location_not_found"
        case .stockChangedConcurrently: "stock_changed_concurrently"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .quantityMustBePositive, .quantityTooLarge, .quantityMustNotBeZero, .quantityMustBeNegative,
            .countMustNotBeNegative, .skuRequired, .unknownLocation, .locationOffersNoPickup, .sameLocation,
            .linesRequired, .expiryInThePast, .referenceRequired, .invalidLocationField:
            .invalid
        case .outOfStock, .insufficientStock, .countBelowReserved: .unprocessable
        case .backordersOutstanding, .referenceAlreadyHeld, .reservationExpired, .reservationAlreadyCommitted,
            .reservationAlreadyReleased, .stockChangedConcurrently:
            .conflict
        case .reservationNotFound, .locationNotFound: .notFound
        }
    }

    public var message: String {
        switch self {
        case .quantityMustBePositive: "must be at least 1"
        case .quantityTooLarge(let maximum): "must be at most \(maximum)"
        case .quantityMustNotBeZero: "must not be zero"
        case .quantityMustBeNegative: "must be negative for a write-off"
        case .countMustNotBeNegative: "must not be negative"
        case .skuRequired: "must name a SKU"
        case .unknownLocation(let id): "there is no location \(id)"
        case .locationOffersNoPickup(let id): "location \(id) does not offer pick-up"
        case .sameLocation: "must differ from the sending location"
        case .linesRequired: "must contain at least one line"
        case .expiryInThePast: "must be in the future"
        case .referenceRequired: "must name what the stock is held for"
        case .invalidLocationField(let reason): reason
        case .outOfStock(let sku, _, let requested, let available):
            "Only \(max(available, 0)) of \(requested) units of \(sku) are available."
        case .insufficientStock(let sku, let location, let available):
            "Only \(max(available, 0)) units of \(sku) are free at \(location)."
        case .countBelowReserved(let sku, _, let reserved):
            "\(reserved) units of \(sku) are held for orders here; release or re-route them before counting fewer."
        case .backordersOutstanding(let sku, let location, let available):
            "\(sku) is at \(available) available at \(location), beyond the new limit; receive stock first."
        case .referenceAlreadyHeld(let reference): "Stock is already held for \(reference)."
        case .reservationNotFound: "There is no such reservation."
        case .reservationExpired: "The reservation has expired; reserve the stock again."
        case .reservationAlreadyCommitted: "The reservation has been committed already."
        case .reservationAlreadyReleased: "The reservation has been released already."
        case .locationNotFound: "There is no such location."
        case .stockChangedConcurrently(let sku): "The stock of \(sku) changed while it was being updated; try again."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .outOfStock(_, let line, _, _), .countBelowReserved(_, let line, _):
            [FieldError(pointer: FieldError.pointer("lines", String(line)), message: message, code: code)]
        default: []
        }
    }
}
