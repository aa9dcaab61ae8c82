import Foundation
import Ledger
import TorvCore

/// What a finance report page asks for, read from its query: the report, the currency and the days
/// it covers. Days are whole UTC days, as the books' accounting periods are, and `to` is inclusive.
/// Bad values are kept with a message for the form rather than refused, so the accountant can mend
/// them where they typed them.
struct FinanceReportRequest: Sendable {
    var kind: FinanceReportKind
    var currencyText: String
    var fromText: String
    var toText: String
    var currencyError: String?
    var fromError: String?
    var toError: String?
    /// Start of the first day (nil for an "as of" report); end of the last day, exclusive.
    var currency: Currency?
    var from: Date?
    var until: Date?

    var isValid: Bool { currencyError == nil && fromError == nil && toError == nil }

    /// Defaults: the shop's currency, from the first of this month to today.
    init(kind: FinanceReportKind, query: FormData, defaultCurrency: Currency, now: Date) {
        self.kind = kind
        let today = Self.dayText(now)
        currencyText = String((query["currency"] ?? defaultCurrency.code).prefix(8)).uppercased()
        fromText = String((query["from"] ?? String(today.prefix(8)) + "01").prefix(10))
        toText = String((query["to"] ?? today).prefix(10))
        currency = Currency(code: currencyText)
        if currency == nil { currencyError = "Enter a three-letter currency code such as EUR." }
        let start = Self.day(fromText)
        let end = Self.day(toText)
        if !kind.isAsOf, start == nil { fromError = "Enter a date like 2026-11-01." }
        if end == nil { toError = "Enter a date like 2026-11-30." }
        if let start, let end, !kind.isAsOf, end < start { toError = "The last day must not be before the first." }
        from = kind.isAsOf ? nil : start
        until = end?.addingTimeInterval(86_400)
    }

    /// The query string that asks for the same report, for links and the CSV download.
    var query: String {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "currency", value: currencyText),
            kind.isAsOf ? nil : URLQueryItem(name: "from", value: fromText),
            URLQueryItem(name: "to", value: toText),
        ].compactMap { $0 }
        return components.percentEncodedQuery ?? ""
    }

    static func dayText(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let start = Date(timeIntervalSince1970: Double(days) * 86_400)
        return start.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
    }

    /// The UTC midnight starting `text` (`2026-11-30`), or nil when it is not a real day.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (2000...9999).contains(year)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }
}
