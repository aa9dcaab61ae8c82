import ArgumentParser
import Foundation
import Logging
import Persistence
import PostgresNIO
import SQLKit
import SQLiteNIO
import TorvApp

/// `Database.inTransaction` running a guarded single-row update (the stock-decrement shape), at
/// several concurrency levels, next to the same transactions issued straight through the driver.
struct TransactionsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transactions",
        abstract: "inTransaction throughput for a guarded single-row update, against the bare driver.")

    @Option(help: "sqlite, postgres or both.") var backend = "both"
    @Option(help: "Seconds measured per cell (after a short warm-up).") var seconds = 3.0
    @Option(parsing: .upToNextOption, help: "Concurrent tasks.") var tasks: [Int] = [1, 8, 32]

    static let update =
        "UPDATE bench_stock SET available = available - 1 WHERE id = 1 AND available >= 1 RETURNING available"

    func run() async throws {
        var logger = Logger(label: "torv.bench")
        logger.logLevel = .warning
        var rows: [[String]] = []
        if backend == "sqlite" || backend == "both" {
            rows += try await measure(BenchDatabase.sqlite(), logger: logger)
        }
        if backend == "postgres" || backend == "both", let postgres = try await BenchDatabase.postgres() {
            rows += try await measure(postgres, logger: logger)
        }
        print("")
        print("inTransaction, guarded single-row UPDATE … RETURNING; \(seconds) s per cell")
        print(BenchTable.render(["backend", "tasks", "torv tx/s", "driver tx/s", "torv / driver"], rows))
        print("driver baseline: SQLite = one connection issuing BEGIN IMMEDIATE/UPDATE/COMMIT back to back")
        print(
            "(its single writer's ceiling); PostgreSQL = PostgresClient.withTransaction from the same number of tasks.")
    }

    private func measure(_ target: BenchDatabase, logger: Logger) async throws -> [[String]] {
        let database = try await DatabaseConnector.open(url: target.url, maxConnections: 40, logger: logger)
        try await database.inTransaction { db in
            try await db.raw(
                "CREATE TABLE bench_stock (id INTEGER PRIMARY KEY, available BIGINT NOT NULL CHECK (available >= 0))"
            ).run()
            try await db.raw("INSERT INTO bench_stock (id, available) VALUES (1, 1000000000000)").run()
        }
        var rows: [[String]] = []
        for count in tasks {
            let torv = try await throughput(tasks: count) {
                _ = try await database.inTransaction { db in try await db.raw(SQLQueryString(Self.update)).all() }
            }
            let driver: Double
            if target.backend == "sqlite" {
                driver = try await sqliteBaseline(path: target.url, logger: logger)
            } else {
                driver = try await postgresBaseline(url: target.url, tasks: count, logger: logger)
            }
            rows.append([
                target.backend, "\(count)", format(torv), format(driver), String(format: "%.2f", torv / driver),
            ])
            print("\(target.backend) \(count) tasks: torv \(format(torv)) tx/s, driver \(format(driver)) tx/s")
        }
        await database.shutdown()
        await target.cleanup()
        return rows
    }

    /// Runs `work` in `tasks` loops for the measured window and returns completed operations per second.
    private func throughput(tasks: Int, _ work: @escaping @Sendable () async throws -> Void) async throws -> Double {
        let warmUp = ContinuousClock.now.advanced(by: .milliseconds(300))
        while ContinuousClock.now < warmUp { try await work() }
        let window = Duration.milliseconds(Int(seconds * 1000))
        let start = ContinuousClock.now
        let deadline = start.advanced(by: window)
        let done = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        try await work()
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = start.duration(to: .now)
        return Double(done) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private func sqliteBaseline(path: String, logger: Logger) async throws -> Double {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 10000"] {
            _ = try await connection.query(pragma, [])
        }
        let rate = try await throughput(tasks: 1) {
            _ = try await connection.query("BEGIN IMMEDIATE", [])
            _ = try await connection.query(Self.update, [])
            _ = try await connection.query("COMMIT", [])
        }
        try await connection.close()
        return rate
    }

    private func postgresBaseline(url: String, tasks: Int, logger: Logger) async throws -> Double {
        guard let components = URLComponents(string: url), let host = components.host else { return .nan }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        configuration.options.maximumConnections = 40
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        let update = PostgresQuery(unsafeSQL: Self.update)
        let rate = try await throughput(tasks: tasks) {
            try await client.withTransaction(logger: logger) { connection in
                _ = try await connection.query(update, logger: logger).collect()
            }
        }
        runner.cancel()
        return rate
    }

    private func format(_ value: Double) -> String { String(format: "%.0f", value) }

}
