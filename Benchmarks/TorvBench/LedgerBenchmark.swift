import ArgumentParser
import Flows
import Foundation
import Ledger
import Logging
import Persistence
import SQLKit
import Synchronization
import TorvApp
import TorvCore

/// The ledger's two targets, each next to a baseline measured in the same run:
/// - posting: entries/s for a stream of card sales booked by the posting rules (one transaction per
///   event, as the outbox relay delivers them) against a bare INSERT of the same entry and lines;
/// - reports: trial balance, P&L and balance sheet over 1,000,000 lines against a single `SUM` over the
///   lines table.
struct LedgerBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Ledger posting throughput and report time against bare SQL.")

    @Option(help: "sqlite, postgres or both.") var backend = "both"
    @Option(help: "Seconds measured per posting cell (after a short warm-up).") var seconds = 3.0
    @Option(parsing: .upToNextOption, help: "Concurrent posting streams.") var tasks: [Int] = [1, 8]
    @Option(help: "Ledger lines for the report figures.") var lines = 1_000_000
    @Option(help: "Runs per report figure (the median is shown).") var runs = 5

    func run() async throws {
        var logger = Logger(label: "torv.bench")
        logger.logLevel = .warning
        var posting: [[String]] = []
        var reports: [[String]] = []
        var targets: [BenchDatabase] = []
        if backend == "sqlite" || backend == "both" { targets.append(BenchDatabase.sqlite()) }
        if backend == "postgres" || backend == "both", let postgres = try await BenchDatabase.postgres() {
            targets.append(postgres)
        }
        for target in targets {
            let database = try await DatabaseConnector.open(url: target.url, maxConnections: 40, logger: logger)
            try await Migrator(Platform.migrations).migrate(database, now: { Date() })
            posting += try await measurePosting(target.backend, database)
            reports += try await measureReports(target.backend, database)
            await database.shutdown()
            await target.cleanup()
        }
        print("")
        print(
            "Posting: card sales (6 lines each) by the posting rules, one transaction per event; \(seconds) s per cell")
        print(
            BenchTable.render(["backend", "streams", "posted entries/s", "bare inserts/s", "posted ÷ bare"], posting))
        print("bare = the same entry row and lines in one transaction through the same pool, no checks.")
        print("")
        print("Reports over \(lines) ledger lines; median of \(runs) runs")
        print(BenchTable.render(["backend", "report", "ms", "bare SUM ms", "report ÷ bare"], reports))
    }

    // MARK: Posting

    /// A card sale of two VAT rates with shipping: the shape most events post.
    static func sale(_ number: Int, currency: Currency) -> PostingFacts {
        var facts = PostingFacts(currency: currency)
        let goods = Int64(1_000 + number % 9_000)
        facts.add(.salesNet, goods, vatRate: 2_500)
        facts.add(.vat, goods / 4, vatRate: 2_500)
        facts.add(.salesNet, 800, vatRate: 1_200)
        facts.add(.vat, 96, vatRate: 1_200)
        facts.add(.shippingNet, 400, vatRate: 2_500)
        facts.add(.vat, 100, vatRate: 2_500)
        facts.add(.gross, goods + goods / 4 + 800 + 96 + 400 + 100)
        return facts
    }

    private func measurePosting(_ name: String, _ database: Database) async throws -> [[String]] {
        let ledger = Ledger(outbox: Outbox(subscribers: []), audit: AuditLog())
        let counter = Counter()
        let date = Date()
        var rows: [[String]] = []
        for streams in tasks {
            let postedLoad = try await Load.run(tasks: streams, seconds: seconds) {
                let number = counter.next()
                let entry = Posting(
                    rule: PostingRules.cardSale, sourceKey: "sale:bench-\(number)", date: date,
                    description: "Order \(number) paid", document: SourceDocument(type: "order", id: "ord_\(number)"),
                    facts: Self.sale(number, currency: .eur)
                ).entry
                _ = try await database.inTransaction { db in try await ledger.post(entry, on: db) }
            }
            let bareLoad = try await Load.run(tasks: streams, seconds: seconds) {
                let number = counter.next()
                let entry = Posting(
                    rule: PostingRules.cardSale, sourceKey: "bare:\(number)", date: date,
                    description: "Order \(number) paid", document: SourceDocument(type: "order", id: "ord_\(number)"),
                    facts: Self.sale(number, currency: .eur)
                ).entry
                try await database.inTransaction { db in try await Self.bareInsert(entry, id: "bare_\(number)", on: db)
                }
            }
            let (posted, bare) = (postedLoad.rate, bareLoad.rate)
            rows.append([
                name, "\(streams)", BenchTable.count(posted), BenchTable.count(bare),
                String(format: "%.2f", posted / bare),
            ])
            print("\(name) \(streams) streams: posted \(BenchTable.count(posted))/s, bare \(BenchTable.count(bare))/s")
        }
        return rows
    }

    static func bareInsert(_ entry: NewJournalEntry, id: String, on db: any SQLDatabase) async throws {
        let date = entry.postingDate.epochMicroseconds
        try await db.raw(
            """
            INSERT INTO ledger_entries (id, source_key, posting_date, description, posted_at, document_type, document_id)
            VALUES (\(bind: id), \(bind: entry.sourceKey), \(bind: date), \(bind: entry.description), \(bind: date),
                    \(bind: entry.document?.type), \(bind: entry.document?.id))
            """
        ).run()
        let rows = entry.lines.enumerated().map { index, line in
            SQLQueryString(
                """
                (\(bind: id), \(bind: index), \(bind: line.accountCode), \(bind: line.amount.currency.code),
                 \(bind: line.amount.amount), \(bind: line.memo), \(bind: date), \(bind: line.vatRate))
                """)
        }
        try await db.raw(
            "INSERT INTO ledger_lines (entry_id, line_no, account_code, currency, amount, memo, posting_date, vat_rate) VALUES "
                + rows.joined(separator: ", ")
        ).run()
    }

    // MARK: Reports

    private func measureReports(_ name: String, _ database: Database) async throws -> [[String]] {
        try await fill(database, lines: lines)
        let ledger = Ledger(outbox: Outbox(subscribers: []), audit: AuditLog())
        let bare = try await median {
            _ = try await database.read { db in
                try await db.raw("SELECT CAST(SUM(amount) AS BIGINT) AS total FROM ledger_lines").first()
            }
        }
        var rows: [[String]] = []
        // The year the lines span, as an accountant asks for it.
        let to = Date().addingTimeInterval(86_400)
        let from = to.addingTimeInterval(-400 * 86_400)
        let reports: [(String, @Sendable (any SQLDatabase) async throws -> Void)] = [
            ("trial balance", { db in _ = try await ledger.trialBalance(currency: .eur, on: db) }),
            (
                "profit and loss",
                { db in _ = try await ledger.profitAndLoss(currency: .eur, from: from, to: to, on: db) }
            ),
            ("balance sheet", { db in _ = try await ledger.balanceSheet(currency: .eur, asOf: to, on: db) }),
            (
                "trial balance (period)",
                { db in
                    _ = try await ledger.trialBalanceReport(currency: .eur, from: from, to: to, on: db)
                }
            ),
            (
                // The month an accountant closes: eleven months of opening balance, one month of movements.
                "trial balance (last month)",
                { db in
                    _ = try await ledger.trialBalanceReport(
                        currency: .eur, from: to.addingTimeInterval(-31 * 86_400), to: to, on: db)
                }
            ),
        ]
        // First with every month open, then as a shop that closes its months keeps them: every filled
        // month but the last closed, which stores each month's totals.
        for closedMonths in [false, true] {
            if closedMonths {
                let lastMonth = Date().addingTimeInterval(-31 * 86_400)
                var month = AccountingPeriod(containing: Date().addingTimeInterval(-366 * 86_400))
                while month.next.start <= lastMonth {
                    let closing = month
                    try await database.inTransaction { db in
                        try await ledger.closePeriod(closing, by: AuditActor(kind: "system", id: "bench"), on: db)
                    }
                    month = month.next
                }
            }
            for (title, report) in reports {
                let label = closedMonths ? "\(title), months closed" : title
                let time = try await median { _ = try await database.read { db in try await report(db) } }
                rows.append([name, label, ms(time), ms(bare), String(format: "%.2f", time / bare)])
                print("\(name) \(label) \(ms(time)) ms, bare SUM \(ms(bare)) ms")
            }
        }
        return rows
    }

    /// `count` lines of balanced five-line entries spread over the twelve months before now.
    private func fill(_ database: Database, lines count: Int) async throws {
        let existing = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM ledger_lines").first(decodingColumn: "n", as: Int.self) ?? 0
        }
        let entries = max(0, (count - existing) / 5)
        let chunk = 1_000
        let year = Date().addingTimeInterval(-365 * 86_400).epochMicroseconds
        for start in stride(from: 0, to: entries, by: chunk) {
            try await database.inTransaction { db in
                var entryRows: [SQLQueryString] = []
                var lineRows: [SQLQueryString] = []
                for number in start..<min(entries, start + chunk) {
                    let id = "fill_\(number)"
                    let date = year + Int64(number) * (365 * 86_400_000_000 / Int64(max(entries, 1)))
                    entryRows.append("(\(bind: id), \(bind: id), \(bind: date), 'fill', \(bind: date))")
                    let goods = Int64(1_000 + number % 9_000)
                    let cost = goods * 2 / 5
                    let lines: [(String, Int64, Int?)] = [
                        (DefaultChart.paymentClearing, goods + goods / 4, nil),
                        (DefaultChart.sales, -goods, 2_500), (DefaultChart.vatPayable, -(goods / 4), 2_500),
                        (DefaultChart.costOfGoods, cost, nil), (DefaultChart.inventory, -cost, nil),
                    ]
                    for (index, line) in lines.enumerated() {
                        lineRows.append(
                            "(\(bind: id), \(bind: index), \(bind: line.0), 'EUR', \(bind: line.1), \(bind: date), \(bind: line.2))"
                        )
                    }
                }
                guard !entryRows.isEmpty else { return }
                try await db.raw(
                    "INSERT INTO ledger_entries (id, source_key, posting_date, description, posted_at) VALUES "
                        + entryRows.joined(separator: ", ")
                ).run()
                try await db.raw(
                    "INSERT INTO ledger_lines (entry_id, line_no, account_code, currency, amount, posting_date, vat_rate) VALUES "
                        + lineRows.joined(separator: ", ")
                ).run()
            }
        }
        // Statistics and (on PostgreSQL) the visibility map, as autovacuum keeps them on a live shop, so
        // index-only scans are possible; both sides of the comparison read the same table.
        if database.backend == .postgres {
            try await database.read { db in try await db.raw("VACUUM ANALYZE ledger_lines").run() }
        } else {
            try await database.inTransaction { db in try await db.raw("ANALYZE").run() }
        }
    }

    private func median(_ work: () async throws -> Void) async throws -> Double {
        try await work()  // warm the cache: both sides are measured hot
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await work()
            times.append(Load.seconds(start.duration(to: .now)))
        }
        return times.sorted()[times.count / 2]
    }

    private func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
}

/// Unique numbers for source keys across concurrent streams.
final class Counter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
