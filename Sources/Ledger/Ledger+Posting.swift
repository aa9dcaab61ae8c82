public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Ledger {
    /// Posts a balanced entry once per source key. Posting the same key again with the same lines returns
    /// the entry already posted (`isNew == false`): an event delivered twice, or replayed after a crash,
    /// posts once. The same key with other lines is refused (`source_key_conflict`).
    @discardableResult
    public func post(
        _ draft: NewJournalEntry, on db: any SQLDatabase
    ) async throws -> (entry: JournalEntry, isNew: Bool) {
        try await insert(draft, reversing: nil, on: db)
    }

    /// Cancels an entry with its mirror image (every line negated), dated `postingDate`; at most once.
    @discardableResult
    public func reverse(
        _ id: JournalEntryID, postingDate: Date, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> JournalEntry {
        let original = try await entry(id, on: db)
        let mirror = NewJournalEntry(
            sourceKey: "reversal:\(id.rawValue)", postingDate: postingDate,
            description: "Reversal of \(original.description): \(reason)",
            lines: original.lines.map(\.negated), document: original.document)
        let (reversal, isNew) = try await insert(mirror, reversing: id, on: db)
        guard isNew else { throw LedgerError.alreadyReversed }
        try await audit.record(
            "ledger.entry_reversed", by: actor, target: ("journal_entry", id.rawValue),
            detail: ["reversal": reversal.id.rawValue, "reason": reason], on: db)
        return reversal
    }

    public func entry(_ id: JournalEntryID, on db: any SQLDatabase) async throws -> JournalEntry {
        guard let entry = try await loadEntry(where: "e.id = \(bind: id.rawValue)", on: db) else {
            throw LedgerError.entryNotFound
        }
        return entry
    }

    public func entry(sourceKey: String, on db: any SQLDatabase) async throws -> JournalEntry? {
        try await loadEntry(where: "e.source_key = \(bind: sourceKey)", on: db)
    }

    private func insert(
        _ draft: NewJournalEntry, reversing: JournalEntryID?, on db: any SQLDatabase
    ) async throws -> (entry: JournalEntry, isNew: Bool) {
        var problems = EntryRules.problems(of: draft)
        for (index, line) in draft.lines.enumerated() where abs(line.amount.amount) > Self.maximumLineAmount {
            problems.append(
                FieldError(pointer: "/lines/\(index)/amount", message: "is too large", code: "amount_too_large"))
        }
        let known = try await knownAccounts.lookUp(Set(draft.lines.map(\.accountCode))) { codes in
            Set(
                try await db.raw("SELECT code FROM ledger_accounts WHERE code IN (\(binds: Array(codes)))").all().map {
                    try $0.string("code")
                })
        }
        for (index, line) in draft.lines.enumerated() where !known.contains(line.accountCode) {
            problems.append(
                FieldError(
                    pointer: "/lines/\(index)/account_code",
                    message: LedgerError.accountNotFound(line.accountCode).message,
                    code: "account_not_found"))
        }
        if !problems.isEmpty { throw ValidationError(problems) }

        let now = self.now
        let id = JournalEntryID.generate(ids, at: now)
        return try await Savepoint.atomically("ledger_post", on: db) {
            let period = AccountingPeriod(containing: draft.postingDate)
            guard try await isOpenForPosting(period, on: db) else {
                throw ValidationError([
                    FieldError(
                        pointer: "/posting_date", message: "falls in \(period), which is closed", code: "period_closed")
                ])
            }
            // ON CONFLICT covers both the source key and the one-reversal rule.
            let inserted = try await db.raw(
                """
                INSERT INTO ledger_entries (id, source_key, posting_date, description, reverses_entry_id, posted_at,
                                            document_type, document_id)
                VALUES (\(bind: id.rawValue), \(bind: draft.sourceKey), \(bind: draft.postingDate.epochMicroseconds),
                        \(bind: draft.description), \(bind: reversing?.rawValue), \(bind: now.epochMicroseconds),
                        \(bind: draft.document?.type), \(bind: draft.document?.id))
                ON CONFLICT DO NOTHING RETURNING id
                """
            ).first()
            guard inserted != nil else {
                guard let existing = try await entry(sourceKey: draft.sourceKey, on: db) else {
                    throw LedgerError.alreadyReversed
                }
                guard existing.lines == draft.lines, existing.reverses == reversing else {
                    throw LedgerError.sourceKeyConflict(draft.sourceKey)
                }
                return (existing, false)
            }
            // One statement for all lines: a posting costs three round trips whatever its size.
            let date = draft.postingDate.epochMicroseconds
            let rows = draft.lines.enumerated().map { index, line in
                SQLQueryString(
                    """
                    (\(bind: id.rawValue), \(bind: index), \(bind: line.accountCode), \(bind: line.amount.currency.code),
                     \(bind: line.amount.amount), \(bind: line.memo), \(bind: date), \(bind: line.vatRate))
                    """)
            }
            try await db.raw(
                "INSERT INTO ledger_lines (entry_id, line_no, account_code, currency, amount, memo, posting_date, vat_rate) VALUES "
                    + rows.joined(separator: ", ")
            ).run()
            let entry = JournalEntry(
                id: id, sourceKey: draft.sourceKey, postingDate: draft.postingDate, description: draft.description,
                lines: draft.lines, document: draft.document, reverses: reversing, postedAt: now)
            return (entry, true)
        }
    }

    private func loadEntry(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> JournalEntry? {
        let rows = try await db.raw(
            """
            SELECT e.id, e.source_key, e.posting_date, e.description, e.reverses_entry_id, e.posted_at,
                   e.document_type, e.document_id, l.account_code, l.currency, l.amount, l.memo, l.vat_rate
            FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id WHERE
            """ + " " + condition + " ORDER BY l.line_no"
        ).all()
        guard let first = rows.first else { return nil }
        let lines = try rows.map { row in
            JournalLine(
                accountCode: try row.string("account_code"),
                amount: Money(
                    minorUnits: try row.decode(column: "amount", as: Int64.self), currency: try row.currency("currency")
                ),
                memo: try row.optionalString("memo"), vatRate: try row.decode(column: "vat_rate", as: Int?.self))
        }
        return JournalEntry(
            id: try first.id("id", as: JournalEntryID.self), sourceKey: try first.string("source_key"),
            postingDate: try first.date("posting_date"), description: try first.string("description"), lines: lines,
            document: try first.optionalString("document_type").flatMap { type in
                try first.optionalString("document_id").map { SourceDocument(type: type, id: $0) }
            },
            reverses: try first.optionalID("reverses_entry_id", as: JournalEntryID.self, table: "ledger_entries"),
            postedAt: try first.date("posted_at"))
    }
}
