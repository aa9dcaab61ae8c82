public import Foundation

/// The type of a product attribute. One attribute code has one kind across the catalogue, so a
/// facet never mixes `"10"` the text with `10` the number.
public enum AttributeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case text
    case number
    case boolean
}

/// A typed product attribute value (`material: "cotton"`, `screen_inches: 6.1`, `waterproof: true`).
///
/// JSON form is the bare JSON value. Numbers are `Decimal` rather than `Double` so `6.1` is stored,
/// compared and shown as exactly `6.1`.
public enum AttributeValue: Sendable, Hashable {
    case text(String)
    case number(Decimal)
    case boolean(Bool)

    public var kind: AttributeKind {
        switch self {
        case .text: .text
        case .number: .number
        case .boolean: .boolean
        }
    }

    /// The stored and faceted spelling: the text itself, `"6.1"`, `"true"`.
    public var canonical: String {
        switch self {
        case .text(let text): text
        case .number(let number): number.description
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// Reads a canonical or hand-written value of `kind`: numbers are plain decimals (`-12.5`, no
    /// exponent or grouping), booleans `true`/`false`. `nil` when the text is not such a value.
    public init?(parsing text: String, as kind: AttributeKind) {
        switch kind {
        case .text:
            self = .text(text)
        case .boolean:
            guard text == "true" || text == "false" else { return nil }
            self = .boolean(text == "true")
        case .number:
            guard Self.isPlainDecimal(text),
                let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            else { return nil }
            self = .number(number)
        }
    }

    /// `Decimal(string:)` accepts a numeric prefix ("12abc" is 12), so the grammar is checked first.
    private static func isPlainDecimal(_ text: String) -> Bool {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), digits.count <= 30 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    }
}

extension AttributeValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .boolean(flag)
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .boolean(let flag): try container.encode(flag)
        }
    }
}
