import Foundation
import Logging
import PostgresNIO
import SQLiteNIO

/// What the database alone allows: per order, as many write transactions as Torv's flow commits,
/// each a guarded single-row update, issued straight through the driver — one connection in a
/// tight loop for SQLite (its single writer), a `PostgresClient` pool from the same number of tasks
/// for PostgreSQL.
enum DriverBaseline {
    static let update =
        "UPDATE bench_stock SET available = available - 1 WHERE id = 1 AND available >= 1 RETURNING available"

    static func ordersPerSecond(
        _ target: BenchDatabase, tasks: Int, transactionsPerOrder: Double, seconds: Double, logger: Logger
    ) async throws -> Double {
        let transactions: Double
        if target.backend == "sqlite" {
            let connection = try await SQLiteConnection.open(storage: .file(path: target.url), logger: logger)
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 10000"] {
                _ = try await connection.query(pragma, [])
            }
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS bench_stock (id INTEGER PRIMARY KEY, available BIGINT NOT NULL)", [])
            _ = try await connection.query(
                "INSERT OR REPLACE INTO bench_stock (id, available) VALUES (1, 1000000000000)", [])
            transactions = try await Load.run(tasks: 1, seconds: seconds) {
                _ = try await connection.query("BEGIN IMMEDIATE", [])
                _ = try await connection.query(update, [])
                _ = try await connection.query("COMMIT", [])
            }.rate
            try await connection.close()
        } else {
            guard let components = URLComponents(string: target.url), let host = components.host else { return .nan }
            var configuration = PostgresClient.Configuration(
                host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
                password: components.password, database: String(components.path.dropFirst()), tls: .disable)
            configuration.options.maximumConnections = 40
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let runner = Task { await client.run() }
            try await client.withConnection { connection in
                _ = try await connection.query(
                    "CREATE TABLE IF NOT EXISTS bench_stock (id INTEGER PRIMARY KEY, available BIGINT NOT NULL)",
                    logger: logger)
                _ = try await connection.query(
                    "INSERT INTO bench_stock (id, available) VALUES (1, 1000000000000) ON CONFLICT (id) DO NOTHING",
                    logger: logger)
            }
            let query = PostgresQuery(unsafeSQL: update)
            transactions = try await Load.run(tasks: tasks, seconds: seconds) {
                try await client.withTransaction(logger: logger) { connection in
                    _ = try await connection.query(query, logger: logger).collect()
                }
            }.rate
            runner.cancel()
        }
        return transactions / transactionsPerOrder
    }
}
