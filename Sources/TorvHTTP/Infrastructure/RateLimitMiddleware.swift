public import Hummingbird

/// Limits requests per client IP with a `RateLimiter`, answering 429 `rate_limited` problem+json with a
/// `Retry-After` header once a client's bucket is empty.
///
/// The key defaults to the peer address (`RemoteAddressRequestContext`), and to one shared `"unknown"`
/// bucket when the context cannot tell, so a context without the capability is limited as a whole rather
/// than not at all. Behind a reverse proxy every request shares the proxy's address: pass a `key` that reads
/// the proxy's forwarded-for header then, and only then, because a client can write that header itself.
///
/// Limits are per process (see `RateLimiter`). The per-principal limit is applied where the principal is
/// known, with another `RateLimiter`.
public struct RateLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limiter: RateLimiter
    let key: @Sendable (Request, Context) -> String

    /// Limits per peer IP address.
    public init(limiter: RateLimiter) {
        self.init(limiter: limiter) { _, context in clientAddress(of: context) ?? "unknown" }
    }

    /// Limits per whatever `key` returns for a request.
    public init(limiter: RateLimiter, key: @escaping @Sendable (Request, Context) -> String) {
        self.limiter = limiter
        self.key = key
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch limiter.take(key(request, context)) {
        case .allowed:
            return try await next(request, context)
        case .denied(let retryAfter):
            throw Problem.rateLimited(retryAfter: retryAfter)
        }
    }
}
