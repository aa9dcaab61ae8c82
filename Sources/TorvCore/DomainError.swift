/// The shape every module's error takes, so the HTTP layer can turn any of them into an RFC 9457 problem
/// without knowing the module: `kind` picks the status, `code` is the stable machine-readable reason, and
/// `message` is the sentence shown to the caller.
///
/// Conformers promise that `message` never contains secrets or internals (SQL, stack traces, other
/// tenants' data): it goes to the API caller verbatim.
public protocol DomainError: Error, Sendable {
    /// Stable snake_case identifier (`"currency_mismatch"`); clients switch on it, so never rename one.
    var code: String { get }
    var kind: ErrorKind { get }
    /// A human sentence that is safe to show to the API caller.
    var message: String { get }
    /// Per-field problems, pointing into the request body with JSON pointers; empty for whole-request errors.
    var fieldErrors: [FieldError] { get }
    /// For a `rateLimited` refusal: whole seconds until trying again may succeed.
    var retryAfterSeconds: Int? { get }
}

extension DomainError {
    public var fieldErrors: [FieldError] { [] }
    public var retryAfterSeconds: Int? { nil }
}

/// The broad class of a failure. Deliberately coarse: TorvHTTP owns the mapping to status codes
/// (`invalid` → 400, `unprocessable` → 422, …), so domain code never thinks in HTTP.
public enum ErrorKind: String, Sendable, Hashable, CaseIterable {
    /// The input is malformed or breaks a field rule.
    case invalid
    /// No or bad credentials.
    case unauthenticated
    /// Known caller, not allowed.
    case forbidden
    case notFound
    /// The state changed underneath the caller (version clash, duplicate, already captured).
    case conflict
    /// Well-formed, but the business rules refuse it (currency mismatch, coupon exhausted).
    case unprocessable
    case rateLimited
    /// A dependency is down; retrying later may succeed.
    case unavailable
}
