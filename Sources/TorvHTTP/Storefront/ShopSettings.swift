public import Foundation
public import TorvCore

/// How the shop presents itself: its name, the channel and currency its pages sell in, and the locale
/// prices and dates are written for.
public struct ShopSettings: Sendable, Hashable {
    public var shopName: String
    public var channel: String
    public var currency: Currency
    public var locale: Locale
    /// Where the shop is: dates on its pages are this zone's.
    public var timeZone: TimeZone

    public init(
        shopName: String = "Torv demo shop", channel: String = "web", currency: Currency = .eur,
        locale: Locale = Locale(identifier: "en_IE"), timeZone: TimeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    ) {
        self.shopName = shopName
        self.channel = channel
        self.currency = currency
        self.locale = locale
        self.timeZone = timeZone
    }

    func money(_ amount: Money) -> String { amount.formatted(locale: locale) }

    /// A day as the shop's customers write it ("7 December 2026").
    func date(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(locale: locale, timeZone: timeZone).day().month(.wide).year())
    }

    /// The end of a typed day (`2027-01-31`) where the shop is: something that "expires on" that day
    /// still works all of it. Nil when the text is not a real day.
    func endOfDay(_ text: String) -> Date? {
        guard let day = FinanceReportRequest.day(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let local = calendar.dateComponents(in: .gmt, from: day)
        return calendar.date(from: DateComponents(year: local.year, month: local.month, day: (local.day ?? 1) + 1))
    }

    func dateTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(locale: locale, timeZone: timeZone).day().month(.wide).hour().minute())
    }
}
