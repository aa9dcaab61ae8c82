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

    func dateTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(locale: locale, timeZone: timeZone).day().month(.wide).hour().minute())
    }
}
