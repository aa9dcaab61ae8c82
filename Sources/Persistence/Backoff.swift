/// Back-off schedules, kept in one place so retries across the platform behave alike.
public enum Backoff {
    /// Short, jittered waits between transaction attempts: contention clears in milliseconds, and
    /// jitter keeps the losers of one conflict from colliding again in lockstep.
    static func transactionRetry(attempt: Int) -> Duration {
        let ceiling = min(2 << min(attempt, 8), 200)  // 4, 8, 16 … 200 ms
        return .milliseconds(Int.random(in: 1...ceiling))
    }

    /// Exponential back-off for jobs and event deliveries: 2^attempt seconds with ±20 % jitter,
    /// capped at one hour, so a failing webhook endpoint is not hammered.
    public static func retryDelay(afterAttempt attempt: Int) -> Double {
        let base = min(pow2(attempt), 3600)
        return base * Double.random(in: 0.8...1.2)
    }

    private static func pow2(_ n: Int) -> Double {
        var value = 1.0
        for _ in 0..<max(0, min(n, 20)) { value *= 2 }
        return value
    }
}
