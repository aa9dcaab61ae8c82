import ArgumentParser
import Flows
import Foundation
import Logging
import Persistence
import SQLKit
import Sellers
import TorvApp
import TorvCore

/// One payout run over many sellers (each in its own transaction under its account lock) against a single
/// `SUM` over every movement, measured in the same run; peak memory before and after the run shows whether
/// the run holds the sellers in memory.
struct PayoutsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payouts", abstract: "A payout run over 10,000 sellers and 1,000,000 movements.")

    @Option(help: "sqlite, postgres or both.") var backend = "both"
    @Option(help: "Approved sellers with money.") var sellers = 10_000
    @Option(help: "Movements in all (sales and fees, spread over the sellers).") var movements = 1_000_000

    func run() async throws {
        var logger = Logger(label: "torv.bench")
        logger.logLevel = .warning
        var rows: [[String]] = []
        var targets: [BenchDatabase] = []
        if backend == "sqlite" || backend == "both" { targets.append(BenchDatabase.sqlite()) }
        if backend == "postgres" || backend == "both", let postgres = try await BenchDatabase.postgres() {
            targets.append(postgres)
        }
        for target in targets {
            let database = try await DatabaseConnector.open(url: target.url, maxConnections: 8, logger: logger)
            try await Migrator(Platform.migrations).migrate(database, now: { Date() })
            do {
                rows.append(try await measure(target.backend, database))
            } catch {
                await database.shutdown()
                await target.cleanup()
                throw error
            }
            await database.shutdown()
            await target.cleanup()
        }
        print("")
        print("One payout run (minimum 10.00 EUR) over \(sellers) sellers and \(movements) movements")
        print(
            BenchTable.render(
                ["backend", "paid", "run s", "bare SUM ms", "run ÷ bare", "peak MB before → after run"], rows))
        print("bare = one SUM over every movement through the same pool.")
    }

    private func measure(_ backend: String, _ database: Database) async throws -> [String] {
        let seeded = ContinuousClock.now
        try await fill(database)
        print(
            "\(backend): seeded \(sellers) sellers, \(movements) movements in "
                + "\(String(format: "%.1f", Load.seconds(seeded.duration(to: .now)))) s")
        // The baseline, hot like the run: one SUM over every movement, median of three after a warm-up.
        var sums: [Double] = []
        for _ in 0..<4 {
            let start = ContinuousClock.now
            _ = try await database.read { db in
                try await db.raw("SELECT CAST(SUM(amount) AS BIGINT) AS total FROM seller_movements").first()
            }
            sums.append(Load.seconds(start.duration(to: .now)))
        }
        let bare = sums.dropFirst().sorted()[1]
        let memoryBefore = Self.peakMemoryMB()
        let facade = Sellers(outbox: Outbox(subscribers: []), audit: AuditLog())
        let runStart = ContinuousClock.now
        let run = try await facade.runPayouts(
            minimum: Money(minorUnits: 1_000, currency: .eur), at: Date(), runKey: "bench",
            by: AuditActor(kind: "system", id: "bench"), in: database)
        let time = Load.seconds(runStart.duration(to: .now))
        let memoryAfter = Self.peakMemoryMB()
        print("\(backend) run \(String(format: "%.1f", time)) s, paid \(run.paidCount), \(run.paidTotal)")
        return [
            backend, "\(run.paidCount)", String(format: "%.1f", time), String(format: "%.0f", bare * 1000),
            String(format: "%.0f", time / bare), "\(memoryBefore) → \(memoryAfter)",
        ]
    }

    /// Approved sellers, each with its account, and sales (available) and fees in bulk inserts.
    private func fill(_ database: Database) async throws {
        let now = Date().epochMicroseconds
        let encoder = JSONEncoder()
        let profile = String(decoding: try encoder.encode(SellerProfile()), as: UTF8.self)
        let onboarding = String(
            decoding: try encoder.encode(
                SellerOnboarding(
                    legalName: "Bench AB", country: "SE", payoutIBAN: "DE89370400440532013000",
                    payoutHolder: "Bench AB")), as: UTF8.self)
        let chunk = 1_000
        for start in stride(from: 0, to: sellers, by: chunk) {
            try await database.inTransaction { db in
                var sellerRows: [SQLQueryString] = []
                var accountRows: [SQLQueryString] = []
                for number in start..<min(sellers, start + chunk) {
                    let id = Self.sellerID(number)
                    sellerRows.append(
                        """
                        (\(bind: id), \(bind: "bench-\(number)"), \(bind: "Bench \(number)"), 'business', 'approved',
                         'standard', \(bind: profile), \(bind: onboarding), \(bind: now), \(bind: now))
                        """)
                    accountRows.append("(\(bind: id), 'EUR', \(bind: now))")
                }
                try await db.raw(
                    "INSERT INTO sellers (id, handle, display_name, kind, status, plan, profile, onboarding, "
                        + "created_at, updated_at) VALUES " + sellerRows.joined(separator: ", ")
                ).run()
                try await db.raw(
                    "INSERT INTO seller_accounts (seller_id, currency, opened_at) VALUES "
                        + accountRows.joined(separator: ", ")
                ).run()
            }
        }
        let past = now - 30 * 86_400_000_000
        for start in stride(from: 0, to: movements, by: chunk) {
            try await database.inTransaction { db in
                var rows: [SQLQueryString] = []
                for number in start..<min(movements, start + chunk) {
                    let seller = Self.sellerID(number % sellers)
                    // Each seller gets sales and fees in turn.
                    let sale = (number / sellers) % 2 == 0
                    let amount: Int64 = sale ? Int64(1_000 + number % 5_000) : -Int64(100 + number % 500)
                    let id = SellerMovementID.generate().rawValue
                    rows.append(
                        """
                        (\(bind: id), \(bind: seller), \(bind: sale ? "sale" : "fee"), \(bind: amount), 'EUR',
                         \(bind: past), 'bench', \(bind: "bench:\(number)"), \(bind: past))
                        """)
                }
                try await db.raw(
                    "INSERT INTO seller_movements (id, seller_id, kind, amount, currency, available_at, reference, "
                        + "movement_key, created_at) VALUES " + rows.joined(separator: ", ")
                ).run()
            }
        }
        if database.backend == .postgres {
            try await database.read { db in try await db.raw("VACUUM ANALYZE seller_movements").run() }
        } else {
            try await database.inTransaction { db in try await db.raw("ANALYZE").run() }
        }
    }

    static func sellerID(_ number: Int) -> String {
        SellerID(uuid: UUID(uuidString: String(format: "00000000-0000-7000-8000-%012d", number))!).rawValue
    }

    /// The process's peak resident memory (`VmHWM`), in MB; 0 where /proc is missing.
    static func peakMemoryMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
