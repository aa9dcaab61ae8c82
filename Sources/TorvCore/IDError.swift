/// Why a string is not an ID of the expected type.
public enum IDError: DomainError, Equatable {
    /// Not of the shape `prefix_<26 base32 characters>`; carries the rejected text.
    case malformed(String)
    /// A well-formed ID of another type, e.g. an order ID where a product ID was expected.
    case wrongPrefix(expected: String, found: String)

    public var code: String {
        switch self {
        case .malformed: "malformed_id"
        case .wrongPrefix: "wrong_id_type"
        }
    }

    public var kind: ErrorKind { .invalid }

    public var message: String {
        switch self {
        case .malformed(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "\"\(shown)\" is not a valid ID."
        case .wrongPrefix(let expected, let found):
            return "Expected an ID starting with \"\(expected)_\", got one starting with \"\(found.prefix(16))_\"."
        }
    }
}
