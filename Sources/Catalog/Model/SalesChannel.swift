/// Where the shop sells: `web`, `app`, `pos`, `marketplace`, or any channel staff add.
/// Products are made available per channel, and price lists belong to one channel.
public struct SalesChannel: Sendable, Hashable, Codable {
    public let code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A product's tax treatment (`standard`, `reduced`, `zero` …). Rates per country belong to checkout;
/// the catalogue only says which class a product is in.
public struct TaxClass: Sendable, Hashable, Codable {
    public let code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
