/// Why an envelope could not be turned back into an event.
public enum EventError: DomainError, Equatable {
    /// The envelope holds another event type than the one asked for.
    case typeMismatch(expected: String, found: String)
    /// The payload is not valid JSON for the event type, e.g. written by an incompatible older version.
    case undecodablePayload(type: String, reason: String)

    public var code: String {
        switch self {
        case .typeMismatch: "event_type_mismatch"
        case .undecodablePayload: "event_payload_invalid"
        }
    }

    public var kind: ErrorKind { .unprocessable }

    public var message: String {
        switch self {
        case .typeMismatch(let expected, let found): "Expected a \(expected) event, found \(found)."
        case .undecodablePayload(let type, let reason): "The \(type) event payload cannot be read: \(reason)"
        }
    }
}
