import Flows
import Foundation
import Ledger
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Posting to the ledger")
struct PostingTests {
    static let actor = AuditActor(kind: "staff", id: "stf_accountant")

    static func sale(_ key: String, _ gross: Int64, at date: Date) -> NewJournalEntry {
        let vat = gross / 5
        return NewJournalEntry(
            sourceKey: key, postingDate: date, description: "Order \(key)",
            lines: [
                .debit(DefaultChart.paymentClearing, .eur(gross)), .credit(DefaultChart.sales, .eur(gross - vat)),
                .credit(DefaultChart.vatPayable, .eur(vat)),
            ])
    }

    @Test(
        "an entry posts once per source key; a different entry under the key is refused",
        arguments: TestBackend.allCases)
    func postsOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let now = env.clock.now
            let first = try await env.database.inTransaction { db in
                try await ledger.post(Self.sale("order.paid:1", 12_500, at: now), on: db)
            }
            #expect(first.isNew)
            let again = try await env.database.inTransaction { db in
                try await ledger.post(Self.sale("order.paid:1", 12_500, at: now), on: db)
            }
            #expect(!again.isNew)
            #expect(again.entry.id == first.entry.id)
            await #expect(throws: LedgerError.sourceKeyConflict("order.paid:1")) {
                try await env.database.inTransaction { db in
                    try await ledger.post(Self.sale("order.paid:1", 9_900, at: now), on: db)
                }
            }
            let balances = try await env.database.read { db in try await ledger.trialBalance(currency: .eur, on: db) }
            #expect(balances.map(\.balance.amount).reduce(0, +) == 0)
            #expect(balances.first { $0.accountCode == DefaultChart.sales }?.balance == .eur(-10_000))
        }
    }

    @Test(
        "an entry keeps its document, its lines' VAT rates and its date on every line",
        arguments: TestBackend.allCases)
    func keepsReportingTags(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let date = env.clock.now.addingTimeInterval(-86_400)
            let draft = NewJournalEntry(
                sourceKey: "order.paid:tagged", postingDate: date, description: "Order 1001 paid",
                lines: [
                    .debit(DefaultChart.paymentClearing, .eur(11_200)),
                    .credit(DefaultChart.sales, .eur(10_000), vatRate: 1_200),
                    .credit(DefaultChart.vatPayable, .eur(1_200), vatRate: 1_200),
                ], document: SourceDocument(type: "order", id: "ord_1001"))
            let posted = try await env.database.inTransaction { db in try await ledger.post(draft, on: db) }
            let loaded = try await env.database.read { db in try await ledger.entry(posted.entry.id, on: db) }
            #expect(loaded.document == SourceDocument(type: "order", id: "ord_1001"))
            #expect(loaded.lines == draft.lines)
            let dates = try await env.database.read { db in
                try await db.raw("SELECT DISTINCT posting_date FROM ledger_lines").all().map {
                    try $0.decode(column: "posting_date", as: Int64.self)
                }
            }
            #expect(dates == [date.epochMicroseconds])
            let cash = try await env.database.read { db in try await ledger.accounts(on: db) }.filter(\.isCash)
            #expect(Set(cash.map(\.code)) == DefaultChart.cashAccounts)
        }
    }

    @Test(
        "unbalanced entries and unknown accounts are refused with field paths; nothing is written",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            var draft = Self.sale("bad", 1_000, at: env.clock.now)
            draft.lines[1] = .credit("9999", .eur(700))
            let bad = draft
            do {
                try await env.database.inTransaction { db in try await ledger.post(bad, on: db) }
                Issue.record("an unbalanced entry to an unknown account was posted")
            } catch let error as ValidationError {
                #expect(Set(error.fieldErrors.map(\.pointer)) == ["/lines", "/lines/1/account_code"])
            }
            let count = try await env.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM ledger_entries").first(decodingColumn: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test(
        "lines and entries cannot be updated or deleted; a reversal cancels an entry, once",
        arguments: TestBackend.allCases)
    func appendOnlyAndReversal(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let now = env.clock.now
            let posted = try await env.database.inTransaction { db in
                try await ledger.post(Self.sale("order.paid:2", 5_000, at: now), on: db).entry
            }
            for statement in [
                "UPDATE ledger_lines SET amount = 1", "DELETE FROM ledger_lines",
                "UPDATE ledger_entries SET description = 'x'",
                "DELETE FROM ledger_entries",
            ] {
                await #expect(throws: (any Error).self, "\(statement) must be refused") {
                    try await env.database.inTransaction { db in try await db.raw(SQLQueryString(statement)).run() }
                }
            }
            let reversal = try await env.database.inTransaction { db in
                try await ledger.reverse(posted.id, postingDate: now, reason: "Posted twice", by: Self.actor, on: db)
            }
            #expect(reversal.reverses == posted.id)
            await #expect(throws: LedgerError.alreadyReversed) {
                try await env.database.inTransaction { db in
                    try await ledger.reverse(posted.id, postingDate: now, reason: "Again", by: Self.actor, on: db)
                }
            }
            let balances = try await env.database.read { db in try await ledger.trialBalance(currency: .eur, on: db) }
            #expect(balances.allSatisfy { $0.balance.isZero })
            #expect(try await env.database.read { db in try await ledger.verifyInvariants(on: db) }.isEmpty)
        }
    }

    @Test("twenty deliveries of one event at once post one entry", arguments: TestBackend.allCases)
    func concurrentDeliveries(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let now = env.clock.now
            let fresh = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await env.database.inTransaction { db in
                            try await ledger.post(Self.sale("order.paid:3", 7_500, at: now), on: db).isNew
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(fresh.filter { $0 }.count == 1)
            let lines = try await env.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM ledger_lines").first(decodingColumn: "n", as: Int.self)
            }
            #expect(lines == 3)
            #expect(try await env.database.read { db in try await ledger.verifyInvariants(on: db) }.isEmpty)
        }
    }
}

extension PostingTests {
    @Test(
        "a closed period takes no postings until it is reopened; other periods carry on",
        arguments: TestBackend.allCases)
    func periods(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let november = try #require(AccountingPeriod(year: 2026, month: 11))
            let inNovember = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
            let inDecember = Date(timeIntervalSince1970: 1_797_000_000)  // 2026-12-11
            #expect(AccountingPeriod(containing: inNovember) == november)
            try await env.database.inTransaction { db in try await ledger.closePeriod(november, by: Self.actor, on: db)
            }
            do {
                try await env.database.inTransaction { db in
                    try await ledger.post(Self.sale("late", 1_000, at: inNovember), on: db)
                }
                Issue.record("posted into a closed period")
            } catch let error as ValidationError {
                #expect(error.fieldErrors.map(\.code) == ["period_closed"])
                #expect(error.fieldErrors.map(\.pointer) == ["/posting_date"])
            }
            _ = try await env.database.inTransaction { db in
                try await ledger.post(Self.sale("next", 1_000, at: inDecember), on: db)
            }
            try await env.database.inTransaction { db in try await ledger.reopenPeriod(november, by: Self.actor, on: db)
            }
            let late = try await env.database.inTransaction { db in
                try await ledger.post(Self.sale("late", 1_000, at: inNovember), on: db)
            }
            #expect(late.isNew)
            #expect(try await env.database.read { db in try await ledger.isClosed(november, on: db) } == false)
        }
    }
}

extension PostingTests {
    @Test(
        "closing a month while postings into it are in flight: once the close returns, the month's figures never change",
        arguments: TestBackend.allCases)
    func closeDuringPostings(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let november = try #require(AccountingPeriod(year: 2026, month: 11))
            let inNovember = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        do {
                            try await env.database.inTransaction { db in
                                try await ledger.post(Self.sale("sale-\(index)", 1_000, at: inNovember), on: db)
                                // The rest of the event's transaction: the window a close could slip into.
                                try await Task.sleep(for: .milliseconds(40))
                            }
                            return "posted"
                        } catch let error as ValidationError {
                            return error.fieldErrors.first?.code ?? "invalid"
                        }
                    }
                }
                group.addTask {
                    // The close comes while the first postings are still in their transactions.
                    try await Task.sleep(for: .milliseconds(10))
                    try await env.database.inTransaction { db in
                        try await ledger.closePeriod(november, by: Self.actor, on: db)
                    }
                    return "closed:\(try await Self.salesIn(november, ledger, env.database))"
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let atClose = try #require(outcomes.first { $0.hasPrefix("closed:") }.flatMap { Int64($0.dropFirst(7)) })
            var posted = 0
            var refused = 0
            for outcome in outcomes {
                if outcome == "posted" { posted += 1 }
                if outcome == "period_closed" { refused += 1 }
            }
            #expect(posted + refused == 24 && posted > 0, "\(outcomes)")
            // Every posting either made it before the close (and is in the figure it saw) or was refused.
            #expect(try await Self.salesIn(november, ledger, env.database) == atClose)
            #expect(atClose == -Int64(posted) * 800)
            #expect(try await env.database.read { db in try await ledger.verifyInvariants(on: db) }.isEmpty)
        }
    }

    static func salesIn(_ period: AccountingPeriod, _ ledger: Ledger, _ database: Database) async throws -> Int64 {
        try await database.read { db in
            try await ledger.movements(currency: .eur, from: period.start, to: period.next.start, on: db)[
                DefaultChart.sales] ?? 0
        }
    }
}
