public import Foundation

/// A calendar month of the books, `2026-11`. Posting dates fall in periods by UTC; a shop time zone
/// comes with the finance settings.
public struct AccountingPeriod: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (2000...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// The period a posting date falls in.
    public init(containing date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        self.year = parts.year ?? 2000
        self.month = parts.month ?? 1
    }

    public var description: String { String(format: "%04d-%02d", year, month) }

    public static func < (lhs: AccountingPeriod, rhs: AccountingPeriod) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}

extension AccountingPeriod {
    /// Parses `2026-11`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The first instant of the month, UTC.
    public var start: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: 1))!
    }

    /// The month after this one.
    public var next: AccountingPeriod {
        month == 12 ? AccountingPeriod(year: year + 1, month: 1)! : AccountingPeriod(year: year, month: month + 1)!
    }
}
