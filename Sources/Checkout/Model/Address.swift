import Foundation
public import TorvCore

/// A postal address for shipping or billing.
public struct Address: Sendable, Hashable, Codable {
    /// The recipient's full name.
    public var name: String
    public var company: String?
    public var line1: String
    public var line2: String?
    public var city: String
    public var postalCode: String
    /// An ISO 3166-1 alpha-2 code in upper case (`DE`, `SE`).
    public var country: String
    /// State, province or county where the country uses one.
    public var region: String?
    public var phone: String?
    /// The buyer's VAT identification number, for business purchases.
    public var vatID: String?

    public init(
        name: String, company: String? = nil, line1: String, line2: String? = nil, city: String, postalCode: String,
        country: String, region: String? = nil, phone: String? = nil, vatID: String? = nil
    ) {
        self.name = name
        self.company = company
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.region = region
        self.phone = phone
        self.vatID = vatID
    }
}

extension Address {
    /// Every field problem at once, each with its JSON pointer (`/line1`, `/country`).
    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.requireText(name, at: "/name", maximum: 200)
        validator.requireText(line1, at: "/line1", maximum: 200)
        validator.requireText(city, at: "/city", maximum: 100)
        validator.requireText(postalCode, at: "/postal_code", maximum: 20)
        validator.optionalText(company, at: "/company", maximum: 200)
        validator.optionalText(line2, at: "/line2", maximum: 200)
        validator.optionalText(region, at: "/region", maximum: 100)
        validator.optionalText(vatID, at: "/vat_id", maximum: 32)
        if let phone { validator.checkPhone(phone, at: "/phone") }
        validator.checkCountry(country, at: "/country")
        try validator.finish()
    }

    /// Surrounding white space removed from every field, empty optionals as `nil`.
    var normalised: Address {
        func clean(_ text: String?) -> String? {
            guard let text else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        return Address(
            name: clean(name) ?? "", company: clean(company), line1: clean(line1) ?? "", line2: clean(line2),
            city: clean(city) ?? "", postalCode: clean(postalCode) ?? "", country: country, region: clean(region),
            phone: clean(phone), vatID: clean(vatID))
    }
}
