public import Foundation

/// A date on the seller's calendar, with no time and no time zone: the day a shop is closed, the day a slot is
/// on. Days are counted on the Gregorian calendar in UTC, so stepping from one to the next never meets a
/// clock change.
public struct CalendarDay: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The day `days` later (earlier when negative).
    public func advanced(by days: Int) -> CalendarDay {
        let date = Self.utc.date(byAdding: .day, value: days, to: noonUTC) ?? noonUTC
        return CalendarDay(date, in: Self.utc.timeZone)
    }

    public var weekday: Weekday {
        Weekday(rawValue: Self.utc.component(.weekday, from: noonUTC)) ?? .monday
    }

    /// Whole days from `self` to `other`.
    public func days(to other: CalendarDay) -> Int {
        Self.utc.dateComponents([.day], from: noonUTC, to: other.noonUTC).day ?? 0
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `"2026-03-29"`.
    public var description: String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    var noonUTC: Date {
        Self.utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) ?? .distantPast
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }()
}
