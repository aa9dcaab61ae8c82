import Foundation
import Ledger
import TorvCore

/// A finance report page: the report tabs, the period form and the report as a table whose account
/// rows lead to the lines behind them.
struct FinanceReportView {
    struct Tab {
        let tabHref: String
        let tabLabel: String
        let tabCurrent: Bool
    }

    struct Cell {
        let cellValue: String
        let cellNegative: Bool
    }

    struct Row {
        let rowLabel: String
        let rowCode: String?
        let rowHref: String?
        let rowCells: [Cell]
    }

    struct Section {
        let sectionTitle: String
        let sectionRows: [Row]
        let sectionSubtotal: [Cell]
        let hasSubtotal: Bool
        let columnCount: Int
    }

    struct Figure {
        let figureLabel: String
        let figureValue: String
    }

    let tabs: [Tab]
    let reportHeading: String
    let reportKind: String
    let isAsOf: Bool
    let currencyValue: String
    let fromValue: String
    let toValue: String
    let currencyError: String?
    let fromError: String?
    let toError: String?
    let periodText: String?
    let columnTitles: [String]
    let sections: [Section]
    let figures: [Figure]
    let hasFigures: Bool
    let hasReport: Bool
    let hasRows: Bool
    let csvHref: String?

    init(request: FinanceReportRequest, report: FinanceReport?, settings: ShopSettings) {
        tabs = FinanceReportKind.allCases.map {
            Tab(tabHref: "/admin/finance/reports/\($0.rawValue)", tabLabel: $0.title, tabCurrent: $0 == request.kind)
        }
        reportHeading = request.kind.title
        reportKind = request.kind.rawValue
        isAsOf = request.kind.isAsOf
        currencyValue = request.currencyText
        fromValue = request.fromText
        toValue = request.toText
        currencyError = request.currencyError
        fromError = request.fromError
        toError = request.toError
        hasReport = report != nil
        guard let report else {
            (periodText, columnTitles, sections, figures, hasFigures, hasRows, csvHref) = (
                nil, [], [], [], false, false, nil
            )
            return
        }
        let money = { (minor: Int64?) -> Cell in
            guard let minor else { return Cell(cellValue: "", cellNegative: false) }
            return Cell(
                cellValue: settings.money(Money(minorUnits: minor, currency: report.currency)), cellNegative: minor < 0)
        }
        let lastDay = report.to.addingTimeInterval(-86_400)
        periodText =
            report.from.map { "\(Self.day($0, settings)) to \(Self.day(lastDay, settings)), UTC days" }
            ?? "As of the end of \(Self.day(lastDay, settings)), UTC"
        columnTitles = report.columns.map(\.title)
        let ledgerQuery = request.ledgerQuery
        sections = report.sections.map { section in
            Section(
                sectionTitle: section.title,
                sectionRows: section.rows.map { row in
                    Row(
                        rowLabel: row.label,
                        rowCode: row.accountCode,
                        rowHref: row.accountCode.map { "/admin/finance/accounts/\(Self.pathSafe($0))?\(ledgerQuery)" },
                        rowCells: report.columns.map { money(row.values[$0.key]) })
                },
                sectionSubtotal: report.columns.map { money(section.subtotal[$0.key]) },
                hasSubtotal: !section.subtotal.isEmpty, columnCount: report.columns.count + 1)
        }
        figures = report.summary.keys.sorted().map { key in
            Figure(figureLabel: Self.words(key), figureValue: money(report.summary[key]).cellValue)
        }
        hasFigures = !figures.isEmpty
        hasRows = report.sections.contains { !$0.rows.isEmpty }
        csvHref = "/admin/finance/reports/\(request.kind.rawValue)/csv?\(request.query)"
    }

    static func day(_ date: Date, _ settings: ShopSettings) -> String {
        date.formatted(Date.FormatStyle(locale: settings.locale, timeZone: .gmt).day().month(.wide).year())
    }

    /// `net_vat_payable` → "Net vat payable", with the VAT acronym kept.
    static func words(_ key: String) -> String {
        let text = key.split(separator: "_").map { $0 == "vat" ? "VAT" : String($0) }.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// RFC 3986's unreserved characters: the rest of an ID or account code is percent-encoded in a path.
    static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    static func pathSafe(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? code
    }
}

extension FinanceReportRequest {
    /// The period of this request as the account ledger page reads it (a balance sheet's lines run
    /// from the start of its year).
    var ledgerQuery: String {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "currency", value: currencyText),
            URLQueryItem(name: "from", value: kind.isAsOf ? String(toText.prefix(4)) + "-01-01" : fromText),
            URLQueryItem(name: "to", value: toText),
        ]
        return components.percentEncodedQuery ?? ""
    }
}
