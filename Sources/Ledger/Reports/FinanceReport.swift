public import Foundation
public import TorvCore

/// A finance report as a table: sections of rows with named amount columns, subtotals, and headline
/// figures. One shape for every report, so JSON and CSV come from the same value and a client can
/// show any report with one component. Amounts are minor units of `currency`, signed for reading
/// (revenue positive in a P&L, liabilities positive in a balance sheet).
public struct FinanceReport: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public let key: String
        public let title: String
    }

    public struct Row: Sendable, Hashable {
        public var accountCode: String?
        public var vatRate: Int?
        public var label: String
        public var values: [String: Int64]
    }

    public struct Section: Sendable, Hashable {
        public var key: String
        public var title: String
        public var rows: [Row]
        public var subtotal: [String: Int64]
    }

    public let kind: String
    public let title: String
    public let currency: Currency
    /// Start of the period (inclusive); `nil` for reports as of a date.
    public let from: Date?
    /// End of the period (exclusive), or the "as of" instant.
    public let to: Date
    public let columns: [Column]
    public var sections: [Section]
    /// Headline figures by key (`net_result`, `total_assets`, `net_vat_payable`).
    public var summary: [String: Int64]
}

extension FinanceReport {
    /// RFC 4180 CSV: section, account, rate, label, then one column per amount as a decimal in the
    /// currency's unit (`1234.50`), subtotals as their own rows, summary figures last.
    public func csv() -> String {
        var lines = [(["section", "account_code", "vat_rate", "label"] + columns.map(\.key)).map(Self.field)]
        func amount(_ value: Int64?) -> String {
            guard let value else { return "" }
            return Money(minorUnits: value, currency: currency).decimalString
        }
        for section in sections {
            for row in section.rows {
                lines.append(
                    ([section.key, row.accountCode ?? "", row.vatRate.map(String.init) ?? "", row.label]
                        + columns.map { amount(row.values[$0.key]) }).map(Self.field))
            }
            if !section.subtotal.isEmpty {
                lines.append(
                    ([section.key, "", "", "Total \(section.title)"] + columns.map { amount(section.subtotal[$0.key]) })
                        .map(Self.field))
            }
        }
        for key in summary.keys.sorted() {
            lines.append(
                (["summary", "", "", key] + columns.enumerated().map { $0.offset == 0 ? amount(summary[key]) : "" })
                    .map(Self.field))
        }
        return lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
