public import Foundation
import Persistence
public import SQLKit
public import TorvCore

/// One line of an account's ledger, with the entry and business document behind it and the running
/// balance after it: where a figure in a report comes from.
public struct AccountLedgerLine: Sendable, Hashable {
    public let entryID: JournalEntryID
    public let lineNumber: Int
    public let postingDate: Date
    public let sourceKey: String
    public let description: String
    public let document: SourceDocument?
    public let amount: Money
    public let vatRate: Int?
    public let memo: String?
    public let balance: Money
}

/// A page of an account's ledger; `nextCursor` continues after its last line.
public struct AccountLedgerPage: Sendable, Hashable {
    public let accountCode: String
    public let opening: Money
    public let lines: [AccountLedgerLine]
    public let nextCursor: String?
}

extension Ledger {
    /// The lines of `accountCode` in `currency` dated from `from` until `to`, oldest first, `limit` at a
    /// time after `cursor` (keyset pagination on date, entry and line, so pages never skip or repeat).
    public func accountLedger(
        _ accountCode: String, currency: Currency, from: Date, to: Date, after cursor: String?, limit: Int,
        on db: any SQLDatabase
    ) async throws -> AccountLedgerPage {
        guard try await accounts(on: db).contains(where: { $0.code == accountCode }) else {
            throw LedgerError.accountNotFound(accountCode)
        }
        let position = try cursor.map(Self.position(of:))
        let start = from.epochMicroseconds
        let before: SQLQueryString =
            if let position {
                "(posting_date < \(bind: start) OR (posting_date, entry_id, line_no) <= (\(bind: position.date), \(bind: position.entry), \(bind: position.line)))"
            } else {
                "posting_date < \(bind: start)"
            }
        let opening =
            try await db.raw(
                "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_lines WHERE account_code = \(bind: accountCode) AND currency = \(bind: currency.code) AND "
                    + before
            ).first(decodingColumn: "total", as: Int64.self) ?? 0
        let after: SQLQueryString =
            if let position {
                "AND (l.posting_date, l.entry_id, l.line_no) > (\(bind: position.date), \(bind: position.entry), \(bind: position.line))"
            } else {
                ""
            }
        let rows = try await db.raw(
            """
            SELECT l.entry_id, l.line_no, l.posting_date, l.amount, l.vat_rate, l.memo,
                   e.source_key, e.description, e.document_type, e.document_id
            FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
            WHERE l.account_code = \(bind: accountCode) AND l.currency = \(bind: currency.code)
              AND l.posting_date >= \(bind: start) AND l.posting_date < \(bind: to.epochMicroseconds)
            """ + " " + after + " ORDER BY l.posting_date, l.entry_id, l.line_no LIMIT \(bind: limit + 1)"
        ).all()
        var balance = opening
        var lines: [AccountLedgerLine] = []
        for row in rows.prefix(limit) {
            let amount = try row.decode(column: "amount", as: Int64.self)
            balance += amount
            let documentType = try row.optionalString("document_type")
            let documentID = try row.optionalString("document_id")
            lines.append(
                AccountLedgerLine(
                    entryID: try row.id("entry_id", as: JournalEntryID.self, table: "ledger_lines"),
                    lineNumber: try row.decode(column: "line_no", as: Int.self),
                    postingDate: try row.date("posting_date"),
                    sourceKey: try row.string("source_key"), description: try row.string("description"),
                    document: documentType.flatMap { type in documentID.map { SourceDocument(type: type, id: $0) } },
                    amount: Money(minorUnits: amount, currency: currency),
                    vatRate: try row.decode(column: "vat_rate", as: Int?.self), memo: try row.optionalString("memo"),
                    balance: Money(minorUnits: balance, currency: currency)))
        }
        let next = rows.count > limit ? lines.last.map(Self.cursor(of:)) : nil
        return AccountLedgerPage(
            accountCode: accountCode, opening: Money(minorUnits: opening, currency: currency), lines: lines,
            nextCursor: next)
    }

    static func cursor(of line: AccountLedgerLine) -> String {
        "\(line.postingDate.epochMicroseconds).\(line.entryID.rawValue).\(line.lineNumber)"
    }

    static func position(of cursor: String) throws -> (date: Int64, entry: String, line: Int) {
        let parts = cursor.split(separator: ".")
        guard parts.count == 3, let date = Int64(parts[0]), let line = Int(parts[2]),
            JournalEntryID(String(parts[1])) != nil
        else {
            throw ValidationError([
                FieldError(pointer: "/cursor", message: "is not a cursor of this list", code: "invalid_cursor")
            ])
        }
        return (date, String(parts[1]), line)
    }
}
