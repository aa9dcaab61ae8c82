import Foundation
import Ledger
import TorvCore

/// The lines of one account over a period, each with its entry, the business document behind it
/// and the running balance: where a figure in a report comes from. Amounts are signed as the books
/// keep them: debits positive, credits negative.
struct AccountLedgerView {
    struct Line {
        let lineDate: String
        let lineDescription: String
        let lineMemo: String?
        let documentLabel: String?
        let documentHref: String?
        let lineAmount: String
        let lineBalance: String
    }

    let accountHeading: String
    let accountCode: String
    let ledgerFrom: String
    let ledgerTo: String
    let ledgerCurrency: String
    let openingBalance: String
    let ledgerLines: [Line]
    let hasLines: Bool
    let nextLinesHref: String?
    let backHref: String

    init(account: Account, page: AccountLedgerPage, request: FinanceReportRequest, settings: ShopSettings) {
        accountHeading = account.name
        accountCode = account.code
        ledgerFrom = request.fromText
        ledgerTo = request.toText
        ledgerCurrency = request.currencyText
        openingBalance = settings.money(page.opening)
        ledgerLines = page.lines.map { line in
            Line(
                lineDate: settings.dateTime(line.postingDate), lineDescription: line.description, lineMemo: line.memo,
                documentLabel: line.document.map(Self.label), documentHref: line.document.flatMap(Self.href),
                lineAmount: settings.money(line.amount), lineBalance: settings.money(line.balance))
        }
        hasLines = !page.lines.isEmpty
        let path = "/admin/finance/accounts/\(FinanceReportView.pathSafe(account.code))"
        nextLinesHref = page.nextCursor.map { cursor in
            var components = URLComponents()
            components.path = path
            components.queryItems = [
                URLQueryItem(name: "currency", value: request.currencyText),
                URLQueryItem(name: "from", value: request.fromText), URLQueryItem(name: "to", value: request.toText),
                URLQueryItem(name: "after", value: cursor),
            ]
            return components.string ?? path
        }
        backHref = "/admin/finance/reports/trial-balance?\(request.query)"
    }

    /// `order` 3f2a… → "Order 3f2a…": the document's kind in words, then its ID.
    static func label(_ document: SourceDocument) -> String {
        FinanceReportView.words(document.type) + " " + document.id
    }

    /// Documents the console has a page for.
    static func href(_ document: SourceDocument) -> String? {
        switch document.type {
        case "order": "/admin/orders/\(FinanceReportView.pathSafe(document.id))"
        default: nil
        }
    }
}
