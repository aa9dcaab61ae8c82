/// Several field errors reported as one, so a caller fixing a form or a config file sees every problem in
/// one round trip instead of discovering them one by one.
public struct ValidationError: DomainError, Hashable {
    public var fieldErrors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.fieldErrors = errors
    }

    public var code: String { "validation_failed" }
    public var kind: ErrorKind { .invalid }

    public var message: String {
        switch fieldErrors.count {
        case 0: "The request is invalid."
        case 1: "1 field is invalid: \(fieldErrors[0].pointer) \(fieldErrors[0].message)."
        default: "\(fieldErrors.count) fields are invalid."
        }
    }
}
