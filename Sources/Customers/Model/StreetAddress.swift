/// A postal address as carriers and invoices need it: who receives it, where, and how to reach them.
public struct StreetAddress: Sendable, Hashable, Codable {
    /// The person (or department) the parcel or invoice is addressed to.
    public var recipient: String
    public var company: String?
    public var line1: String
    public var line2: String?
    public var city: String
    /// State, province or county where the country's post uses one (US, CA, IT, ES…).
    public var region: String?
    public var postalCode: String
    /// ISO 3166-1 alpha-2, upper case (`"DE"`), checked against ``CountryCodes``.
    public var countryCode: String
    /// E.164 after normalisation; carriers ask for one for delivery notices.
    public var phone: String?

    public init(
        recipient: String, company: String? = nil, line1: String, line2: String? = nil, city: String,
        region: String? = nil, postalCode: String, countryCode: String, phone: String? = nil
    ) {
        self.recipient = recipient
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
