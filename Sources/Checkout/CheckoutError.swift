public import TorvCore

/// Checkout's refusals, with stable codes that clients switch on.
///
/// The first group describes one bad input field; facades collect them with a `Validator` and throw them
/// together as a `ValidationError` (code `validation_failed`). The rest are thrown on their own.
public enum CheckoutError: DomainError, Equatable {
    // MARK: Field problems (collected)
    case fieldRequired
    case fieldTooLong(maximum: Int)
    case invalidCountry(String)
    case invalidPhone
    case invalidEmail
    case quantityMustBePositive
    case invalidShippingRates(String)
    case invalidTaxRate(String)
    case invalidPricingInput(pointer: String, reason: String)

    // MARK: Carts
    /// No such cart, or not one the caller may see: the two are indistinguishable on purpose.
    case cartNotFound
    case lineNotFound
    /// The cart became an order already; the order is named so a retried checkout can find it.
    case cartAlreadyCheckedOut(orderReference: String)
    /// The cart was merged or abandoned and takes no more changes.
    case cartNotOpen(CartStatus)
    case cartEmpty
    case quantityLimitExceeded(maximum: Int)
    case tooManyLines(maximum: Int)

    // MARK: Shipping and tax
    case shippingZoneNotFound
    case shippingMethodNotFound
    /// The method is inactive, or prices in another currency than the cart.
    case shippingMethodUnavailable
    /// A country can belong to one zone only, so that a destination has one set of methods.
    case countryInAnotherZone(country: String, zone: ShippingZoneID)
    /// No rate for this tax class at this destination (or no destination yet). Never taken as 0 %.
    case taxRateMissing(country: String?, taxClass: String)

    // MARK: Pricing
    case currencyMismatch(expected: Currency, found: Currency)
    /// A price adjuster (a promotion) produced something the pipeline cannot apply.
    case invalidAdjustment(source: String, reason: String)
    case amountOverflow

    public var code: String {
        switch self {
        case .fieldRequired: "required"
        case .fieldTooLong: "too_long"
        case .invalidCountry: "invalid_country"
        case .invalidPhone: "invalid_phone"
        case .invalidEmail: "invalid_email"
        case .quantityMustBePositive: "quantity_must_be_positive"
        case .invalidShippingRates: "invalid_shipping_rates"
        case .invalidTaxRate: "invalid_tax_rate"
        case .invalidPricingInput: "invalid_pricing_input"
        case .cartNotFound: "cart_not_found"
        case .lineNotFound: "cart_line_not_found"
        case .cartAlreadyCheckedOut: "cart_already_checked_out"
        case .cartNotOpen: "cart_not_open"
        case .cartEmpty: "cart_empty"
        case .quantityLimitExceeded: "quantity_limit_exceeded"
        case .tooManyLines: "too_many_lines"
        case .shippingZoneNotFound: "shipping_zone_not_found"
        case .shippingMethodNotFound: "shipping_method_not_found"
        case .shippingMethodUnavailable: "shipping_method_unavailable"
        case .countryInAnotherZone: "country_in_another_zone"
        case .taxRateMissing: "tax_rate_missing"
        case .currencyMismatch: "currency_mismatch"
        case .invalidAdjustment: "invalid_adjustment"
        case .amountOverflow: "amount_overflow"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .fieldRequired, .fieldTooLong, .invalidCountry, .invalidPhone, .invalidEmail, .quantityMustBePositive,
            .invalidShippingRates, .invalidTaxRate, .invalidPricingInput:
            .invalid
        case .cartNotFound, .lineNotFound, .shippingZoneNotFound, .shippingMethodNotFound: .notFound
        case .cartAlreadyCheckedOut, .cartNotOpen, .countryInAnotherZone: .conflict
        case .cartEmpty, .quantityLimitExceeded, .tooManyLines, .shippingMethodUnavailable, .taxRateMissing,
            .currencyMismatch, .invalidAdjustment, .amountOverflow:
            .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .fieldRequired: "must not be empty"
        case .fieldTooLong(let maximum): "must be at most \(maximum) characters"
        case .invalidCountry(let code): "\"\(code.prefix(8))\" is not an ISO 3166-1 alpha-2 country code such as DE"
        case .invalidPhone: "must be a phone number of 5 to 20 digits"
        case .invalidEmail: "must be an email address"
        case .quantityMustBePositive: "must be at least 1"
        case .invalidShippingRates(let reason): reason
        case .invalidTaxRate(let reason): reason
        case .invalidPricingInput(_, let reason): reason
        case .cartNotFound: "There is no such cart."
        case .lineNotFound: "The cart has no such line."
        case .cartAlreadyCheckedOut(let reference): "The cart has already been checked out as order \(reference)."
        case .cartNotOpen(let status): "The cart is \(status.rawValue) and can no longer change."
        case .cartEmpty: "The cart is empty."
        case .quantityLimitExceeded(let maximum): "At most \(maximum) units of one item fit in a cart."
        case .tooManyLines(let maximum): "A cart holds at most \(maximum) different items."
        case .shippingZoneNotFound: "There is no such shipping zone."
        case .shippingMethodNotFound: "There is no such shipping method."
        case .shippingMethodUnavailable: "That shipping method is not available for this cart."
        case .countryInAnotherZone(let country, let zone): "\(country) already belongs to shipping zone \(zone)."
        case .taxRateMissing(let country?, let taxClass): "No tax rate is set for class \(taxClass) in \(country)."
        case .taxRateMissing(nil, let taxClass):
            "Tax for class \(taxClass) depends on the destination, which is not known yet."
        case .currencyMismatch(let expected, let found): "Expected an amount in \(expected.code), got \(found.code)."
        case .invalidAdjustment(let source, let reason): "Price adjustment \(source) cannot be applied: \(reason)."
        case .amountOverflow: "The amount is too large."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .quantityLimitExceeded: [FieldError(pointer: "/quantity", message: message, code: code)]
        case .invalidPricingInput(let pointer, _): [FieldError(pointer: pointer, message: message, code: code)]
        default: []
        }
    }
}

extension CheckoutError {
    /// Money's refusals in Checkout's words: pricing throws only ``CheckoutError``.
    init(_ error: MoneyError) {
        switch error {
        case .currencyMismatch(let expected, let found): self = .currencyMismatch(expected: expected, found: found)
        case .overflow, .invalidAmount, .invalidAllocation: self = .amountOverflow
        }
    }
}
