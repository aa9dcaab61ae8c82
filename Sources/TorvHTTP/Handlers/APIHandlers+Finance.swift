import Flows
import Foundation
import Ledger
import OpenAPIRuntime
import Persistence
import TorvAPI
import TorvCore

/// The books: chart of accounts, journal entries and months. Reports are in `APIHandlers+FinanceReports`.
extension APIHandlers {
    func listLedgerAccounts(
        _ input: Operations.ListLedgerAccounts.Input
    ) async throws
        -> Operations.ListLedgerAccounts.Output
    {
        let ledger = platform.ledger
        let accounts = try await platform.database.read { db in try await ledger.accounts(on: db) }
        return .ok(.init(body: .json(.init(accounts: accounts.map(Components.Schemas.LedgerAccount.init)))))
    }

    func createLedgerAccount(
        _ input: Operations.CreateLedgerAccount.Input
    ) async throws
        -> Operations.CreateLedgerAccount.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let ledger = platform.ledger
        let account = try await platform.database.inTransaction { db in
            try await ledger.createAccount(
                code: body.code, name: body.name, type: AccountType(rawValue: body._type.rawValue) ?? .asset,
                isCash: body.isCash ?? false, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(account))))
    }

    func renameLedgerAccount(
        _ input: Operations.RenameLedgerAccount.Input
    ) async throws
        -> Operations.RenameLedgerAccount.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let ledger = platform.ledger
        let code = input.path.accountCode
        let account = try await platform.database.inTransaction { db in
            try await ledger.renameAccount(code, to: body.name, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(account))))
    }

    func listJournalEntries(
        _ input: Operations.ListJournalEntries.Input
    ) async throws
        -> Operations.ListJournalEntries.Output
    {
        let query = EntryQuery(
            from: try input.query.from.map { try Self.day($0, name: "from") },
            to: try input.query.to.map { try Self.day($0, name: "to").addingTimeInterval(86_400) },
            accountCode: input.query.account, sourceKeyPrefix: input.query.source)
        let cursor = try Paging.cursor(input.query.cursor, as: JournalEntryID.self, name: "cursor")
        let limit = input.query.limit ?? 50
        let ledger = platform.ledger
        let page = try await platform.database.read { db in
            try await ledger.entries(matching: query, after: cursor, limit: limit, on: db)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        entries: page.entries.map(Components.Schemas.JournalEntry.init), nextCursor: page.next?.rawValue
                    ))))
    }

    func postJournalEntry(_ input: Operations.PostJournalEntry.Input) async throws -> Operations.PostJournalEntry.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let lines = try body.lines.enumerated().map { index, line in
            JournalLine(
                accountCode: line.accountCode, amount: try Self.money(line.amount, at: "/lines/\(index)/amount"),
                memo: line.memo, vatRate: line.vatRate)
        }
        let draft = NewJournalEntry(
            sourceKey: "manual:\(UUID().uuidString.lowercased())", postingDate: body.postingDate,
            description: body.description, lines: lines, document: nil)
        let ledger = platform.ledger
        let entry = try await platform.database.inTransaction { db in
            try await ledger.postManual(draft, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(entry))))
    }

    func getJournalEntry(_ input: Operations.GetJournalEntry.Input) async throws -> Operations.GetJournalEntry.Output {
        guard let id = JournalEntryID(input.path.entryId) else { throw LedgerError.entryNotFound }
        let ledger = platform.ledger
        let entry = try await platform.database.read { db in try await ledger.entry(id, on: db) }
        return .ok(.init(body: .json(.init(entry))))
    }

    func reverseJournalEntry(
        _ input: Operations.ReverseJournalEntry.Input
    ) async throws
        -> Operations.ReverseJournalEntry.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        guard let id = JournalEntryID(input.path.entryId) else { throw LedgerError.entryNotFound }
        let actor = try actor()
        let ledger = platform.ledger
        let date = body.postingDate ?? platform.clock.now()
        let reversal = try await platform.database.inTransaction { db in
            try await ledger.reverse(id, postingDate: date, reason: body.reason, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(reversal))))
    }

    func listAccountingPeriods(
        _ input: Operations.ListAccountingPeriods.Input
    ) async throws
        -> Operations.ListAccountingPeriods.Output
    {
        guard let first = AccountingPeriod(year: input.query.year, month: 1),
            let last = AccountingPeriod(year: input.query.year, month: 12)
        else { throw RequestError.invalidParameter(name: "year", message: "must be a year from 2000 to 9999") }
        let ledger = platform.ledger
        let periods = try await platform.database.read { db in
            try await ledger.periods(from: first, through: last, on: db)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        periods: periods.map {
                            .init(period: $0.period.description, status: $0.closed ? .closed : .open)
                        }))))
    }

    func closeAccountingPeriod(
        _ input: Operations.CloseAccountingPeriod.Input
    ) async throws
        -> Operations.CloseAccountingPeriod.Output
    {
        let period = try Self.period(input.path.period, name: "period")
        let actor = try actor()
        let ledger = platform.ledger
        try await platform.database.inTransaction { db in try await ledger.closePeriod(period, by: actor, on: db) }
        return .noContent(.init())
    }

    func reopenAccountingPeriod(
        _ input: Operations.ReopenAccountingPeriod.Input
    ) async throws
        -> Operations.ReopenAccountingPeriod.Output
    {
        let period = try Self.period(input.path.period, name: "period")
        let actor = try actor()
        let ledger = platform.ledger
        try await platform.database.inTransaction { db in try await ledger.reopenPeriod(period, by: actor, on: db) }
        return .noContent(.init())
    }

    /// A calendar day `YYYY-MM-DD` as its first instant in UTC.
    static func day(_ text: String, name: String) throws -> Date {
        let parts = text.split(separator: "-")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (2000...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.component(.day, from: date) == day
        else { throw RequestError.invalidParameter(name: name, message: "must be a date like 2026-11-30") }
        return date
    }

    static func period(_ text: String, name: String) throws -> AccountingPeriod {
        guard let period = AccountingPeriod(text) else {
            throw RequestError.invalidParameter(name: name, message: "must be a month like 2026-11")
        }
        return period
    }
}

extension Components.Schemas.LedgerAccount {
    init(_ account: Account) {
        self.init(
            code: account.code, name: account.name, _type: .init(rawValue: account.type.rawValue) ?? .asset,
            isCash: account.isCash, createdAt: account.createdAt)
    }
}

/// The ledger's entry, named apart from the API schema of the same name.
typealias PostedJournalEntry = JournalEntry

extension Components.Schemas.JournalEntry {
    init(_ entry: PostedJournalEntry) {
        self.init(
            id: entry.id.rawValue, sourceKey: entry.sourceKey, postingDate: entry.postingDate,
            description: entry.description, document: entry.document.map { .init(_type: $0.type, id: $0.id) },
            reverses: entry.reverses?.rawValue, postedAt: entry.postedAt,
            lines: entry.lines.map {
                .init(
                    accountCode: $0.accountCode, amount: .init($0.amount), memo: $0.memo, vatRate: $0.vatRate)
            })
    }
}
