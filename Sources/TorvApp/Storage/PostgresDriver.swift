import Foundation
import Logging
import NIOSSL
import Persistence
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's `PostgresClient` pool: each transaction pins one pooled connection.
final class PostgresDriver: DatabaseDriver {
    let backend = Backend.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    private init(client: PostgresClient) {
        self.client = client
        self.runner = Task { await client.run() }
    }

    static func connect(_ target: PostgresTarget, maxConnections: Int, logger: Logger) async throws -> PostgresDriver {
        var configuration = PostgresClient.Configuration(
            host: target.host, port: target.port, username: target.username, password: target.password,
            database: target.database, tls: target.tls())
        configuration.options.maximumConnections = maxConnections
        configuration.options.minimumConnections = 1
        let driver = PostgresDriver(client: PostgresClient(configuration: configuration, backgroundLogger: logger))
        // Fail at start-up, with the server's own words, rather than on the first request.
        do {
            _ = try await driver.client.query("SELECT 1", logger: logger)
        } catch {
            await driver.shutdown()
            throw StartupError.databaseUnreachable(String(reflecting: error))
        }
        return driver
    }

    func withWriteConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    func withReadConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withWriteConnection(body)
    }

    func isTransient(_ error: any Error) -> Bool {
        guard let state = Self.sqlState(error) else { return false }
        return state == "40001" || state == "40P01"  // serialization_failure, deadlock_detected
    }

    func isUniqueViolation(_ error: any Error) -> Bool {
        Self.sqlState(error) == "23505"
    }

    private static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    func shutdown() async {
        runner.cancel()
        await runner.value
    }
}

/// Where a `postgres://user:password@host:port/database?sslmode=…` URL points.
struct PostgresTarget: Sendable, Hashable {
    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String?
    var sslMode: String

    init(url text: String) throws {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql",
            let host = url.host, !host.isEmpty
        else { throw StartupError.badDatabaseURL("expected postgres://user:password@host:port/database") }
        self.host = host
        self.port = url.port ?? 5432
        self.username = url.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        self.password = url.password.flatMap { $0.removingPercentEncoding }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        self.database = path.isEmpty ? nil : path
        self.sslMode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw StartupError.badDatabaseURL("sslmode must be disable, prefer or require")
        }
    }

    func tls() -> PostgresClient.Configuration.TLS {
        switch sslMode {
        case "disable": return .disable
        case "require": return .require(.makeClientConfiguration())
        default:
            // Loopback needs no TLS; elsewhere try it and fall back like libpq's default.
            if host == "127.0.0.1" || host == "localhost" || host == "::1" { return .disable }
            return .prefer(.makeClientConfiguration())
        }
    }
}
