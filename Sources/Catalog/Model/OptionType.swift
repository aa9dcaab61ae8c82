/// A way variants differ (size, colour, material) and the values it can take, shared by products.
public struct OptionType: Sendable, Hashable, Codable {
    public let code: String
    public var name: String
    /// In display order.
    public var values: [OptionValue]

    public init(code: String, name: String, values: [OptionValue]) {
        self.code = code
        self.name = name
        self.values = values
    }

    public func value(_ code: String) -> OptionValue? {
        values.first { $0.code == code }
    }
}

/// One value of an option type: code `xl`, name `XL`.
public struct OptionValue: Sendable, Hashable, Codable {
    public let code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
