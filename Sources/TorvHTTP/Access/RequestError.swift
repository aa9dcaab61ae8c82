public import TorvCore

/// Protocol-level refusals that belong to no domain module.
public enum RequestError: DomainError, Equatable {
    /// The operation has no access rule; deny by default.
    case operationNotDeclared(String)
    /// A customer token on a staff route or the reverse.
    case wrongPrincipal
    /// An API key on a route only a signed-in person may use.
    case staffUserOnly
    case invalidIdempotencyKey
    case idempotencyKeyInFlight
    case idempotencyKeyReused
    case invalidParameter(name: String, message: String)
    /// A body in a media type the operation does not take.
    case unsupportedBody

    public var code: String {
        switch self {
        case .operationNotDeclared: "operation_not_declared"
        case .wrongPrincipal: "wrong_principal"
        case .staffUserOnly: "staff_user_only"
        case .invalidIdempotencyKey: "invalid_idempotency_key"
        case .idempotencyKeyInFlight: "idempotency_key_in_flight"
        case .idempotencyKeyReused: "idempotency_key_reused"
        case .invalidParameter: "invalid_parameter"
        case .unsupportedBody: "unsupported_body"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .operationNotDeclared, .wrongPrincipal, .staffUserOnly: .forbidden
        case .invalidIdempotencyKey, .invalidParameter, .unsupportedBody: .invalid
        case .idempotencyKeyInFlight: .conflict
        case .idempotencyKeyReused: .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .operationNotDeclared: "This operation is not open to anyone."
        case .wrongPrincipal: "This credential cannot be used here."
        case .staffUserOnly: "Only a signed-in staff user can do this, not an API key."
        case .invalidIdempotencyKey: "The Idempotency-Key must have 1 to 255 printable characters."
        case .idempotencyKeyInFlight: "A request with this Idempotency-Key is still being processed; retry shortly."
        case .idempotencyKeyReused: "This Idempotency-Key was used with a different request."
        case .invalidParameter(let name, let message): "The parameter \(name) \(message)."
        case .unsupportedBody: "The request body is not in a media type this operation accepts."
        }
    }

    public var fieldErrors: [FieldError] {
        if case .invalidParameter(let name, let message) = self {
            return [FieldError(pointer: "/\(name)", message: message, code: code)]
        }
        return []
    }
}
