import Foundation

/// Stricter limits for the flash-sale queue and claims, where bots crowd out people: per client address
/// and per account, on top of the router's general limits. Per process, like every `RateLimiter`.
struct FlashSaleThrottle: Sendable {
    let perAddress: RateLimiter
    let perAccount: RateLimiter

    init(settings: HTTPSettings, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        perAddress = RateLimiter(
            capacity: Double(settings.flashSaleRequestsPerMinutePerAddress),
            refillPerSecond: Double(settings.flashSaleRequestsPerMinutePerAddress) / 60, now: now)
        perAccount = RateLimiter(
            capacity: Double(settings.flashSaleRequestsPerMinutePerAccount),
            refillPerSecond: Double(settings.flashSaleRequestsPerMinutePerAccount) / 60, now: now)
    }

    /// Takes one request from both buckets; refused with 429 `rate_limited` when either is empty.
    func admit(account: String) throws {
        if case .denied(let retryAfter) = perAddress.take(RequestInfo.clientAddress ?? "unknown") {
            throw Problem.rateLimited(retryAfter: retryAfter)
        }
        if case .denied(let retryAfter) = perAccount.take(account) {
            throw Problem.rateLimited(retryAfter: retryAfter)
        }
    }
}
