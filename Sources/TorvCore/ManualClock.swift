public import Foundation
import Synchronization

/// A clock that moves only when a test says so. A class, because the code under test holds its
/// ``wallClock`` while the test advances the same clock; the mutex makes that safe across tasks.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        current = Mutex(start)
    }

    public var now: Date {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        now = date
    }

    /// A ``WallClock`` that reads this clock, to hand to the code under test.
    public var wallClock: WallClock {
        WallClock { self.now }
    }
}
