import Synchronization

/// A token-bucket rate limiter keyed by string: a client IP here, a principal ID elsewhere.
///
/// Each key owns a bucket of `capacity` tokens that refills continuously at `refillPerSecond`. A request
/// takes `cost` tokens, or is denied without taking any, so bursts up to `capacity` pass and the sustained
/// rate is `refillPerSecond`.
///
/// - Important: Limits are per process. With N instances of `torv serve` behind a load balancer a client
///   gets up to N× the rate (and N× the burst). Size the numbers for that, or move the buckets into shared
///   storage when the difference matters.
///
/// Memory is bounded: a bucket that has refilled to full is indistinguishable from no bucket and is
/// dropped by a periodic sweep, and at most `maxKeys` keys are tracked. When a new key arrives at the cap,
/// full buckets go first, then the least recently used eighth; an evicted client just starts again with a
/// full bucket, which errs towards letting traffic through rather than locking out new clients.
///
/// Safe to share between tasks: all state sits behind one `Mutex`, held only for arithmetic, never across
/// a suspension point.
public final class RateLimiter: Sendable {
    public let capacity: Double
    public let refillPerSecond: Double
    public let maxKeys: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state: Mutex<State>

    /// Takes between two sweeps for full buckets; amortises the O(keys) walk to a few steps per take.
    private static let sweepInterval = 1_024

    /// - Parameters:
    ///   - capacity: the burst, in tokens; must be positive.
    ///   - refillPerSecond: the sustained rate; must be positive.
    ///   - maxKeys: how many keys to track at most.
    ///   - now: the time source; tests pass a manual clock so no test sleeps.
    public init(
        capacity: Double,
        refillPerSecond: Double,
        maxKeys: Int = 10_000,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        // A misconfiguration, caught at start-up rather than as a limiter that denies or allows everything.
        precondition(capacity > 0 && capacity.isFinite, "RateLimiter capacity must be positive")
        precondition(refillPerSecond > 0 && refillPerSecond.isFinite, "RateLimiter refill rate must be positive")
        precondition(maxKeys > 0, "RateLimiter must track at least one key")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.maxKeys = maxKeys
        self.now = now
        self.state = Mutex(State())
    }

    /// Takes `cost` tokens from `key`'s bucket if it holds that many.
    ///
    /// A cost above `capacity` can never be paid and is always denied.
    public func take(_ key: String, cost: Double = 1) -> RateLimitDecision {
        let now = self.now()
        return state.withLock { state in
            state.takesSinceSweep += 1
            if state.takesSinceSweep >= Self.sweepInterval {
                state.takesSinceSweep = 0
                dropFullBuckets(from: &state, at: now)
            }

            var bucket: Bucket
            if let existing = state.buckets[key] {
                bucket = existing
                bucket.tokens = tokens(in: existing, at: now)
                bucket.updated = max(existing.updated, now)
            } else {
                if state.buckets.count >= maxKeys {
                    makeRoom(in: &state, at: now)
                }
                bucket = Bucket(tokens: capacity, updated: now)
            }

            if bucket.tokens >= cost {
                bucket.tokens -= cost
                state.buckets[key] = bucket
                return .allowed
            }
            state.buckets[key] = bucket
            let seconds = ((cost - bucket.tokens) / refillPerSecond).rounded(.up)
            // Clamped so an absurd cost cannot overflow the conversion to Int.
            return .denied(retryAfter: Int(min(max(seconds, 1), 86_400 * 365)))
        }
    }

    /// How many keys have a bucket right now; for tests and metrics.
    public var trackedKeys: Int {
        state.withLock { $0.buckets.count }
    }

    // MARK: - Buckets

    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    struct State {
        var buckets: [String: Bucket] = [:]
        var takesSinceSweep = 0
    }

    private func tokens(in bucket: Bucket, at now: ContinuousClock.Instant) -> Double {
        // An injected clock may step backwards; never refill negatively.
        let elapsed = max(0, seconds(bucket.updated.duration(to: now)))
        return min(capacity, bucket.tokens + elapsed * refillPerSecond)
    }

    private func dropFullBuckets(from state: inout State, at now: ContinuousClock.Instant) {
        state.buckets = state.buckets.filter { tokens(in: $0.value, at: now) < capacity }
    }

    private func makeRoom(in state: inout State, at now: ContinuousClock.Instant) {
        dropFullBuckets(from: &state, at: now)
        guard state.buckets.count >= maxKeys else { return }
        // Evicting a batch, not one key, keeps a flood of new keys from paying this O(n log n) every take.
        let batch = max(1, maxKeys / 8)
        let oldest = state.buckets.sorted { $0.value.updated < $1.value.updated }.prefix(batch)
        for (key, _) in oldest {
            state.buckets[key] = nil
        }
    }
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
