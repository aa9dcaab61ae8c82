import Foundation
import TorvCore

extension Problem {
    /// The 400 for a request body that did not decode, pointing at the offending field.
    ///
    /// Messages are plain and generic ("is required", "must be a string"): `DecodingError`'s own
    /// descriptions name Swift types and internals, so they go to the log, never to the caller.
    /// The problem `code` is `validation_failed`, like TorvCore's `ValidationError`, so a client handles a
    /// body the decoder refused and a body the domain refused the same way; unparseable JSON is
    /// `malformed_json` because no field can be blamed.
    public init(decoding error: DecodingError) {
        if error.isMalformedJSON {
            self = .badRequest(
                code: "malformed_json",
                detail: "The request body is not valid JSON.",
                errors: [FieldError(pointer: "", message: "is not valid JSON", code: "malformed_json")]
            )
            return
        }
        let field = FieldError(decoding: error)
        let location = field.pointer.isEmpty ? "the body" : field.pointer
        self = .badRequest(
            code: "validation_failed",
            detail: "1 field is invalid: \(location) \(field.message).",
            errors: [field]
        )
    }
}

extension Problem {
    /// The 400 for a `DecodingError` the OpenAPI runtime hit while turning a request into an operation's
    /// input, where it may come from the body's JSON or from a path, query or header parameter.
    ///
    /// The runtime does not say which. Its parameter decoder fails at the root of the value with a scalar
    /// type (`limit=ten` → "Int"), while a JSON body fails inside an object (non-empty coding path), on its
    /// syntax, or on its top-level shape (object/array). So a root-level scalar mismatch or missing value
    /// is reported as a parameter problem, without a pointer we could not make honest.
    init(decodingOperationInput error: DecodingError) {
        guard let expectation = error.parameterExpectation else {
            self.init(decoding: error)
            return
        }
        self = .badRequest(code: "invalid_parameter", detail: "A path, query or header parameter \(expectation).")
    }
}

extension DecodingError {
    /// The body is not JSON at all. Foundation reports that at the root, as "The given data was not valid
    /// JSON." (with no underlying error since swift-foundation), which is also what an empty body gets.
    var isMalformedJSON: Bool {
        guard case .dataCorrupted(let context) = self, context.codingPath.isEmpty else { return false }
        return context.underlyingError != nil || context.debugDescription.localizedStandardContains("JSON")
    }

    /// What a parameter should have been, when this error looks like a parameter's rather than the body's.
    var parameterExpectation: String? {
        switch self {
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            guard let name = jsonTypeName(type), !["an object", "an array"].contains(name) else { return nil }
            return "must be \(name)"
        case .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return "is required"
        case .dataCorrupted(let context) where context.codingPath.isEmpty && !isMalformedJSON:
            return "has an invalid value"
        default:
            return nil
        }
    }
}

extension FieldError {
    /// One field error for a decoding failure, with an RFC 6901 pointer built from the coding path.
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(pointer: jsonPointer(context.codingPath + [key]), message: "is required", code: "required")
        case .valueNotFound(_, let context):
            self.init(pointer: jsonPointer(context.codingPath), message: "must not be null", code: "required")
        case .typeMismatch(let type, let context):
            let message = jsonTypeName(type).map { "must be \($0)" } ?? "has the wrong type"
            self.init(pointer: jsonPointer(context.codingPath), message: message, code: "invalid_type")
        case .dataCorrupted(let context):
            self.init(pointer: jsonPointer(context.codingPath), message: "has an invalid value", code: "invalid_value")
        @unknown default:
            self.init(pointer: "", message: "is invalid", code: "invalid_value")
        }
    }
}

/// RFC 6901 pointer for a coding path: array positions as their index, `~` and `/` escaped.
func jsonPointer(_ codingPath: [any CodingKey]) -> String {
    codingPath.map { key in
        // Array positions arrive as keys named "Index 3" with an intValue; dictionary keys that happen to
        // parse as integers keep their exact spelling ("007").
        let token =
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") { String(index) } else { key.stringValue }
        return "/" + token.replacing("~", with: "~0").replacing("/", with: "~1")
    }.joined()
}

/// The JSON word for the type a decoder expected, since a client knows JSON, not Swift.
private func jsonTypeName(_ type: Any.Type) -> String? {
    switch type {
    case is String.Type, is Substring.Type, is Character.Type: return "a string"
    case is Bool.Type: return "a boolean"
    case is any BinaryInteger.Type: return "an integer"
    case is any BinaryFloatingPoint.Type, is Decimal.Type: return "a number"
    default:
        let name = String(describing: type)
        if name.hasPrefix("Dictionary<") || name.hasPrefix("[String : ") { return "an object" }
        if name.hasPrefix("Array<") || name.hasPrefix("[") { return "an array" }
        return nil
    }
}
