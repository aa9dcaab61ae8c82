/// A postal address as the buyer gave it at checkout, snapshotted on the order.
public struct OrderAddress: Sendable, Hashable, Codable {
    public var name: String
    public var company: String?
    public var line1: String
    public var line2: String?
    public var city: String
    public var region: String?
    public var postalCode: String
    /// ISO 3166-1 alpha-2, e.g. `DE`.
    public var countryCode: String
    public var phone: String?

    public init(
        name: String, company: String? = nil, line1: String, line2: String? = nil, city: String,
        region: String? = nil, postalCode: String, countryCode: String, phone: String? = nil
    ) {
        self.name = name
        self.company = company
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.countryCode = countryCode
        self.phone = phone
    }
}
