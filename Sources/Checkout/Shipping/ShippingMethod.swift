public import Foundation
public import TorvCore

/// What a method's rate table is keyed on.
public enum ShippingRateBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// The parcel's weight in grams.
    case weight
    /// The order subtotal in minor units of the method's currency.
    case subtotal
}

/// One row of a rate table: the price for every value up to and including `upTo` (grams or minor units)
/// that no earlier band covers. `upTo == nil` is the open-ended last band.
public struct ShippingRateBand: Sendable, Hashable, Codable {
    public var upTo: Int64?
    /// Minor units of the method's currency.
    public var price: Int64

    public init(upTo: Int64?, price: Int64) {
        self.upTo = upTo
        self.price = price
    }
}

/// How long delivery usually takes, in days.
public struct DeliveryEstimate: Sendable, Hashable, Codable {
    public var minimumDays: Int
    public var maximumDays: Int

    public init(minimumDays: Int, maximumDays: Int) {
        self.minimumDays = minimumDays
        self.maximumDays = maximumDays
    }
}

/// A way of delivering to one zone, in one currency, with its rate table.
public struct ShippingMethod: Sendable, Hashable, Codable, Identifiable {
    public var id: ShippingMethodID
    public var zoneID: ShippingZoneID
    public var name: String
    public var carrier: String?
    public var currency: Currency
    public var basis: ShippingRateBasis
    /// Ascending by `upTo`, the open-ended band (if any) last.
    public var bands: [ShippingRateBand]
    /// Shipping is free when the subtotal is at or above this amount.
    public var freeOver: Money?
    public var isActive: Bool
    public var estimate: DeliveryEstimate?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ShippingMethodID, zoneID: ShippingZoneID, name: String, carrier: String? = nil, currency: Currency,
        basis: ShippingRateBasis, bands: [ShippingRateBand], freeOver: Money? = nil, isActive: Bool = true,
        estimate: DeliveryEstimate? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.zoneID = zoneID
        self.name = name
        self.carrier = carrier
        self.currency = currency
        self.basis = basis
        self.bands = bands
        self.freeOver = freeOver
        self.isActive = isActive
        self.estimate = estimate
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What staff enter to create or replace a method.
public struct ShippingMethodDraft: Sendable, Hashable, Codable {
    public var zoneID: ShippingZoneID
    public var name: String
    public var carrier: String?
    public var currency: Currency
    public var basis: ShippingRateBasis
    public var bands: [ShippingRateBand]
    public var freeOver: Money?
    public var isActive: Bool
    public var estimate: DeliveryEstimate?

    public init(
        zoneID: ShippingZoneID, name: String, carrier: String? = nil, currency: Currency,
        basis: ShippingRateBasis, bands: [ShippingRateBand], freeOver: Money? = nil, isActive: Bool = true,
        estimate: DeliveryEstimate? = nil
    ) {
        self.zoneID = zoneID
        self.name = name
        self.carrier = carrier
        self.currency = currency
        self.basis = basis
        self.bands = bands
        self.freeOver = freeOver
        self.isActive = isActive
        self.estimate = estimate
    }

    func validate() throws(ValidationError) {
        var validator = Validator()
        validator.requireText(name, at: "/name", maximum: 200)
        validator.optionalText(carrier, at: "/carrier", maximum: 100)
        if bands.isEmpty {
            validator.add(CheckoutError.invalidShippingRates("must have at least one band"), at: "/bands")
        }
        var previous: Int64?
        for (index, band) in bands.enumerated() {
            let pointer = FieldError.pointer("bands", String(index))
            if band.price < 0 {
                validator.add(CheckoutError.invalidShippingRates("must not be negative"), at: pointer + "/price")
            }
            switch band.upTo {
            case nil where index != bands.count - 1:
                validator.add(
                    CheckoutError.invalidShippingRates("only the last band may be open-ended"), at: pointer + "/up_to")
            case let upTo? where upTo < 0 || previous.map({ upTo <= $0 }) == true:
                validator.add(
                    CheckoutError.invalidShippingRates("must be above the previous band and not negative"),
                    at: pointer + "/up_to")
            default: break
            }
            previous = band.upTo ?? previous
        }
        if let freeOver {
            if freeOver.currency != currency {
                validator.add(
                    CheckoutError.currencyMismatch(expected: currency, found: freeOver.currency), at: "/free_over")
            } else if freeOver.isNegative {
                validator.add(CheckoutError.invalidShippingRates("must not be negative"), at: "/free_over")
            }
        }
        if let estimate, estimate.minimumDays < 0 || estimate.maximumDays < estimate.minimumDays {
            validator.add(
                CheckoutError.invalidShippingRates("must be 0 or more days, the maximum not below the minimum"),
                at: "/estimate")
        }
        try validator.finish()
    }
}

/// A method a shopper can choose for a cart, with its price for that cart.
public struct ShippingOption: Sendable, Hashable, Codable {
    public var methodID: ShippingMethodID
    public var name: String
    public var carrier: String?
    /// Zero when the subtotal reached the method's free-shipping threshold.
    public var price: Money
    public var estimate: DeliveryEstimate?

    public init(
        methodID: ShippingMethodID, name: String, carrier: String? = nil, price: Money,
        estimate: DeliveryEstimate? = nil
    ) {
        self.methodID = methodID
        self.name = name
        self.carrier = carrier
        self.price = price
        self.estimate = estimate
    }
}
