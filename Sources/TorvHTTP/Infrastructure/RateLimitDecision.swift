/// What a `RateLimiter` says about one request.
public enum RateLimitDecision: Sendable, Hashable {
    case allowed
    /// Denied; enough tokens will have refilled after `retryAfter` whole seconds (rounded up, at least 1),
    /// the value for a `Retry-After` header.
    case denied(retryAfter: Int)

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }
}
