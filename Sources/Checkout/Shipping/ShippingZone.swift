public import Foundation
public import TorvCore

/// Destination countries that share shipping methods. A country belongs to at most one zone.
public struct ShippingZone: Sendable, Hashable, Codable, Identifiable {
    public var id: ShippingZoneID
    public var name: String
    /// ISO 3166-1 alpha-2 codes, sorted.
    public var countries: [String]
    public var createdAt: Date
    public var updatedAt: Date
}

/// What staff enter to create or replace a zone.
public struct ShippingZoneDraft: Sendable, Hashable, Codable {
    public var name: String
    public var countries: [String]

    public init(name: String, countries: [String]) {
        self.name = name
        self.countries = countries
    }

    func validate() throws(ValidationError) {
        var validator = Validator()
        validator.requireText(name, at: "/name", maximum: 200)
        if countries.isEmpty {
            validator.add(CheckoutError.fieldRequired, at: "/countries")
        }
        for (index, country) in countries.enumerated() {
            validator.checkCountry(country, at: FieldError.pointer("countries", String(index)))
        }
        try validator.finish()
    }
}
