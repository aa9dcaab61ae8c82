public import Flows
import Foundation
public import Identity
import Logging
public import Persistence
import TorvApp
public import TorvCore
import TorvHTTP

/// The backends a store test runs on.
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }
}

/// One fresh, migrated database for one test, with a clock the test controls.
public struct TestEnvironment: Sendable {
    public let backend: Backend
    public let database: Database
    public let clock: ManualClock
    /// Opens another connection pool to the same database, as a second `torv serve` process would.
    public let openAnotherPool: @Sendable () async throws -> Database
    /// IDs for this test alone: a shared generator would see the tests' clocks jump back and forth.
    public let ids = UUIDGenerator.independentV7()

    /// The platform over this database. bcrypt runs at cost 4 so that tests stay fast.
    public func platform(subscribers: [OutboxSubscriber] = [], keepsBooks: Bool = true) -> Platform {
        Platform(
            database: database, passwords: TestPasswords.hasher, clock: clock.wallClock, ids: ids,
            subscribers: subscribers, keepsBooks: keepsBooks)
    }
}

public enum TestPasswords {
    /// Cheap bcrypt: the same algorithm and code path as production at the lowest cost.
    public static let hasher = PasswordHasher.bcrypt(cost: 4)
}

/// Runs `body` on a fresh SQLite database and then, when PostgreSQL is available, on a fresh
/// PostgreSQL database. Errors name the backend they happened on.
public func withTestDatabase(
    migrate: Bool = true, _ body: @Sendable (TestEnvironment) async throws -> Void
) async throws {
    for backend in TestBackend.allCases {
        try await withTestDatabase(on: backend, migrate: migrate, body)
    }
}

/// Runs `body` on a fresh database of one backend — for `@Test(arguments: TestBackend.allCases)`.
/// Without a PostgreSQL server the PostgreSQL run is skipped with a printed notice, except under CI
/// (`CI` set), where a missing server is a failure: CI installs one.
public func withTestDatabase(
    on backend: TestBackend, migrate: Bool = true, _ body: @Sendable (TestEnvironment) async throws -> Void
) async throws {
    let logger = Logger(label: "torv.test")
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    switch backend {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("torv-test-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let open: @Sendable () async throws -> Database = {
            try await DatabaseConnector.open(url: path, logger: logger)
        }
        try await run(backend: .sqlite, open: open, clock: clock, migrate: migrate, body)
    case .postgres:
        let server: PostgresServer
        switch await PostgresTestServer.shared() {
        case .success(let found):
            server = found
        case .failure(let unavailable):
            if ProcessInfo.processInfo.environment["CI"] != nil {
                throw TestDatabaseError.postgresMissingInCI(unavailable.reason)
            }
            return
        }
        try await TestDatabaseGate.postgres.withPermit {
            let name = try await PostgresTestServer.createDatabase(on: server)
            let url = server.url(database: name)
            let open: @Sendable () async throws -> Database = {
                try await DatabaseConnector.open(url: url, maxConnections: 8, logger: logger)
            }
            do {
                try await run(backend: .postgres, open: open, clock: clock, migrate: migrate, body)
            } catch {
                try? await PostgresTestServer.dropDatabase(name, on: server)
                throw error
            }
            try? await PostgresTestServer.dropDatabase(name, on: server)
        }
    }
}

private func run(
    backend: Backend, open: @escaping @Sendable () async throws -> Database, clock: ManualClock, migrate: Bool,
    _ body: @Sendable (TestEnvironment) async throws -> Void
) async throws {
    let database = try await open()
    let environment = TestEnvironment(backend: backend, database: database, clock: clock, openAnotherPool: open)
    do {
        if migrate { try await environment.platform().migrate() }
        try await body(environment)
    } catch {
        await database.shutdown()
        throw BackendFailure(backend: backend, error: error)
    }
    await database.shutdown()
}

/// An error tagged with the backend it happened on, so a failure report says which one.
public struct BackendFailure: Error, CustomStringConvertible {
    public let backend: Backend
    public let error: any Error
    public var description: String { "[\(backend.rawValue)] \(String(reflecting: error))" }
}

enum TestDatabaseError: Error, CustomStringConvertible {
    case postgresMissingInCI(String)
    var description: String {
        switch self {
        case .postgresMissingInCI(let reason): "CI must run the PostgreSQL tests, but no server is available: \(reason)"
        }
    }
}
