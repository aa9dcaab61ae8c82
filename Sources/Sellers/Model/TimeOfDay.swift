/// A wall-clock time in the seller's time zone, to the minute: `09:30`. `24:00` is the end of the day, for
/// hours that run to midnight.
public struct TimeOfDay: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Minutes since midnight, 0 to 1440.
    public var minutes: Int

    public init(hour: Int, minute: Int = 0) {
        minutes = hour * 60 + minute
    }

    public init(minutes: Int) {
        self.minutes = minutes
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutes < rhs.minutes }

    /// `"09:30"`.
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
