public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// Which journal entries to list.
public struct EntryQuery: Sendable, Hashable {
    public var from: Date?
    public var to: Date?
    /// Only entries with a line on this account.
    public var accountCode: String?
    /// Only entries whose source key starts with this (`sale:`, `manual:`).
    public var sourceKeyPrefix: String?

    public init(from: Date? = nil, to: Date? = nil, accountCode: String? = nil, sourceKeyPrefix: String? = nil) {
        self.from = from
        self.to = to
        self.accountCode = accountCode
        self.sourceKeyPrefix = sourceKeyPrefix
    }
}

extension Ledger {
    /// Entries in posting order (by ID, which is time-ordered), `limit` after `cursor` (an entry ID).
    public func entries(
        matching query: EntryQuery, after cursor: JournalEntryID?, limit: Int, on db: any SQLDatabase
    ) async throws -> (entries: [JournalEntry], next: JournalEntryID?) {
        var conditions: [SQLQueryString] = ["e.id > \(bind: cursor?.rawValue ?? "")"]
        if let from = query.from { conditions.append("e.posting_date >= \(bind: from.epochMicroseconds)") }
        if let to = query.to { conditions.append("e.posting_date < \(bind: to.epochMicroseconds)") }
        if let account = query.accountCode {
            conditions.append(
                "EXISTS (SELECT 1 FROM ledger_lines x WHERE x.entry_id = e.id AND x.account_code = \(bind: account))")
        }
        if let prefix = query.sourceKeyPrefix, !prefix.isEmpty {
            conditions.append("substr(e.source_key, 1, CAST(\(bind: prefix.count) AS INTEGER)) = \(bind: prefix)")
        }
        let ids = try await db.raw(
            "SELECT e.id FROM ledger_entries e WHERE " + conditions.joined(separator: " AND ")
                + " ORDER BY e.id LIMIT \(bind: limit + 1)"
        ).all().map { try $0.string("id") }
        let page = Array(ids.prefix(limit))
        var entries: [JournalEntry] = []
        for id in page {
            if let entryID = JournalEntryID(id) { entries.append(try await entry(entryID, on: db)) }
        }
        return (entries, ids.count > limit ? entries.last?.id : nil)
    }

    /// Posts an accountant's own entry (an accrual, an opening balance, a correction) under a source
    /// key of its own, with an audit record.
    public func postManual(
        _ draft: NewJournalEntry, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> JournalEntry {
        let (entry, isNew) = try await post(draft, on: db)
        if isNew {
            try await audit.record(
                "ledger.entry_posted", by: actor, target: ("journal_entry", entry.id.rawValue),
                detail: ["source_key": entry.sourceKey, "description": entry.description], on: db)
        }
        return entry
    }

    /// Renames an account; its code, type and lines stay.
    public func renameAccount(
        _ code: String, to name: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Account {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        var validator = Validator()
        validator.check(
            !trimmed.isEmpty && trimmed.count <= 200, "/name", "must be 1 to 200 characters", code: "invalid_name")
        try validator.finish()
        guard
            let row = try await db.raw(
                """
                UPDATE ledger_accounts SET name = \(bind: trimmed) WHERE code = \(bind: code)
                RETURNING code, name, type, cash, created_at
                """
            ).first()
        else { throw LedgerError.accountNotFound(code) }
        try await audit.record(
            "ledger.account_renamed", by: actor, target: ("ledger_account", code), detail: ["name": trimmed], on: db)
        return try Self.account(from: row)
    }

    /// The months from `from` through `through` with their state (a month never touched is open).
    public func periods(
        from: AccountingPeriod, through: AccountingPeriod, on db: any SQLDatabase
    ) async throws -> [(period: AccountingPeriod, closed: Bool)] {
        let closed = Set(
            try await db.raw(
                """
                SELECT period FROM ledger_periods WHERE status = 'closed'
                  AND period >= \(bind: from.description) AND period <= \(bind: through.description)
                """
            ).all().map { try $0.string("period") })
        var result: [(AccountingPeriod, Bool)] = []
        var period = from
        while period <= through, result.count < 240 {
            result.append((period, closed.contains(period.description)))
            period = period.next
        }
        return result
    }
}
