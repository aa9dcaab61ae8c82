/// Collects field errors while checking input and throws them together at the end.
///
///     var v = Validator()
///     v.check(email.contains("@"), "/email", "must contain @", code: "invalid_email")
///     v.check(quantity > 0, "/lines/0/quantity", "must be positive", code: "not_positive")
///     try v.finish()
///
/// Checks never stop early: the point is to report everything that is wrong at once.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    /// Records an error unless `condition` holds. Returns `condition` so later checks can depend on it
    /// (no point checking the domain of an email that is empty).
    @discardableResult
    public mutating func check(_ condition: Bool, _ pointer: String, _ message: String, code: String) -> Bool {
        if !condition {
            errors.append(FieldError(pointer: pointer, message: message, code: code))
        }
        return condition
    }

    public mutating func add(_ error: FieldError) {
        errors.append(error)
    }

    /// Adopts another error's field errors (or, for a whole-request error, one error at `pointer`), so
    /// a nested value's validation folds into its parent's report.
    public mutating func add(_ error: some DomainError, at pointer: String = "") {
        if error.fieldErrors.isEmpty {
            errors.append(FieldError(pointer: pointer, message: error.message, code: error.code))
        } else {
            errors += error.fieldErrors.map {
                FieldError(pointer: pointer + $0.pointer, message: $0.message, code: $0.code)
            }
        }
    }

    public var isValid: Bool { errors.isEmpty }

    /// Throws every collected error at once; returns quietly when there are none.
    public func finish() throws(ValidationError) {
        if !errors.isEmpty {
            throw ValidationError(errors)
        }
    }
}
