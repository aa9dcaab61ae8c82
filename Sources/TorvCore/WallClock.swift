public import Foundation

/// The current time, passed in as a value: deadlines, flash-sale windows and token expiry are then tested by
/// moving a ``ManualClock`` instead of sleeping.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = WallClock { Date() }

    /// A clock stuck at `date`, for tests that only need "some fixed now".
    public static func fixed(_ date: Date) -> WallClock {
        WallClock { date }
    }
}
