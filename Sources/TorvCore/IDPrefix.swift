/// The type tag of an ID (`"prod"`, `"ord"`), declared once per entity:
///
///     public enum ProductPrefix: IDPrefix { public static let prefix = "prod" }
///     public typealias ProductID = TypedID<ProductPrefix>
///
/// Must be 2–8 lowercase ASCII letters: short enough to keep IDs compact, distinct enough to read in logs,
/// and free of `_` so the separator is unambiguous.
public protocol IDPrefix: Sendable {
    static var prefix: String { get }
}

extension IDPrefix {
    /// Whether `prefix` follows the rules above; checked by tests and debug builds.
    public static var isValidPrefix: Bool {
        isValidIDPrefix(prefix.utf8)
    }
}

func isValidIDPrefix(_ bytes: some Collection<UInt8>) -> Bool {
    (2...8).contains(bytes.count) && bytes.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
}
