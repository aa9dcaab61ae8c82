public import Foundation

/// How often a wrong password may be tried for one e-mail address before sign-in pauses for it.
///
/// Per address, not per client: credential stuffing comes from many addresses at once, so only a
/// count kept with the account's e-mail (in the database, shared by every Torv instance) stops it.
/// Unknown addresses are counted the same way, so the pause says nothing about whether an account
/// exists. The price is that someone can pause a victim's sign-in for a while; the pause is short and
/// ends by itself, and a password reset or another channel is not affected.
public struct SignInThrottle: Sendable, Hashable {
    /// Wrong passwords allowed within `window` before a pause.
    public var allowedFailures: Int
    public var window: TimeInterval
    /// The first pause; each pause after that within the window doubles, up to `longestPause`.
    public var pause: TimeInterval
    public var longestPause: TimeInterval

    public init(
        allowedFailures: Int = 5, window: TimeInterval = 15 * 60, pause: TimeInterval = 5 * 60,
        longestPause: TimeInterval = 60 * 60
    ) {
        self.allowedFailures = allowedFailures
        self.window = window
        self.pause = pause
        self.longestPause = longestPause
    }

    /// Wrong passwords counted for one address: how many since `since`, and the pause they caused.
    public struct Record: Sendable, Hashable {
        public var failures: Int
        public var since: Date
        public var pausedUntil: Date?

        public init(failures: Int, since: Date, pausedUntil: Date?) {
            self.failures = failures
            self.since = since
            self.pausedUntil = pausedUntil
        }
    }

    /// Seconds until sign-in may be tried again, or nil when it may be tried now.
    public func wait(_ record: Record?, at now: Date) -> Int? {
        guard let until = record?.pausedUntil, until > now else { return nil }
        return max(1, Int(until.timeIntervalSince(now).rounded(.up)))
    }

    /// The record after one more wrong password at `now`: a count older than the window starts over;
    /// reaching the allowance pauses, and every further failure pauses twice as long as the last.
    public func failing(_ record: Record?, at now: Date) -> Record {
        var next = record ?? Record(failures: 0, since: now, pausedUntil: nil)
        if now.timeIntervalSince(next.since) > window, wait(next, at: now) == nil {
            next = Record(failures: 0, since: now, pausedUntil: nil)
        }
        next.failures += 1
        let over = next.failures - allowedFailures
        if over >= 0 {
            let doubled = pause * pow(2, Double(min(over, 16)))
            let until = now.addingTimeInterval(min(doubled, longestPause))
            next.pausedUntil = until
            // The window starts again when the pause ends: a failure soon after pauses longer, a quiet
            // window after it is a clean slate.
            next.since = until
        }
        return next
    }
}
