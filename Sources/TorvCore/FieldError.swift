/// One problem with one field of a request or configuration, addressed by a JSON pointer (RFC 6901) so a
/// client can highlight the exact input, even inside arrays (`/lines/0/quantity`).
public struct FieldError: Sendable, Hashable, Codable {
    /// JSON pointer to the offending value, e.g. `"/lines/0/quantity"`; `""` means the whole document.
    public var pointer: String
    public var message: String
    /// Stable snake_case reason (`"invalid_email"`), for clients that translate messages.
    public var code: String

    public init(pointer: String, message: String, code: String) {
        self.pointer = pointer
        self.message = message
        self.code = code
    }

    /// Builds a JSON pointer from path tokens, escaping `~` and `/` as RFC 6901 requires, so keys that
    /// contain a slash (`"a/b"`) still point at one field.
    ///
    ///     FieldError.pointer("lines", "0", "quantity")  // "/lines/0/quantity"
    public static func pointer(_ tokens: String...) -> String {
        pointer(tokens)
    }

    public static func pointer(_ tokens: [String]) -> String {
        tokens.map { token in
            "/" + token.replacing("~", with: "~0").replacing("/", with: "~1")
        }.joined()
    }
}
