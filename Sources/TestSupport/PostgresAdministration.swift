import Foundation
import Logging
import PostgresNIO

/// The one place in a test process that finds the PostgreSQL server and creates and drops
/// databases on it.
///
/// An actor so that parallel tests share one start-up (a stored `Task`: the first caller starts
/// it, everyone awaits the same result) and a few admin connections per server, used in turn.
/// PostgresNIO queues the queries of concurrent callers on a connection, so fifty parallel
/// `createDatabase` calls use ``adminConnectionsPerServer`` server connections, not fifty, which
/// matters on a shared server with a small `max_connections`.
actor PostgresAdministration {
    static let shared = PostgresAdministration()

    /// More than one because `CREATE DATABASE`s in parallel finish sooner than one after the other
    /// (30 took 5.8 to 6.1 s on 4 connections against 8.4 to 9.7 s on 1, on a loaded 2-core
    /// machine); few, because a shared server's `max_connections` is for the tests' own pools.
    static let adminConnectionsPerServer = 4

    private var startup: Task<Result<PostgresServer, PostgresUnavailable>, Never>?
    private var connections: [AdminSlot: Task<AdminConnection, any Error>] = [:]
    private var nextConnectionID = 1
    private var nextSlot = 0

    private let logger = Logger(label: "torv.test-support.postgres") { _ in SwiftLogNoOpLogHandler() }

    private struct AdminSlot: Hashable {
        let server: PostgresServer
        let index: Int
    }

    private struct AdminConnection: Sendable {
        let connection: PostgresConnection
        /// `server_version`, e.g. "15.18 (Debian 15.18-0+deb12u1)".
        let version: String
    }

    func server() async -> Result<PostgresServer, PostgresUnavailable> {
        if let startup {
            return await startup.value
        }
        let task = Task { await self.locateServer() }
        startup = task
        return await task.value
    }

    func createDatabase(named name: String, on server: PostgresServer) async throws {
        let admin = try await adminConnection(to: server)
        // The default strategy (WAL_LOG since PostgreSQL 15) is kept: FILE_COPY was no faster on a
        // busy 2-core machine (medians 313 ms against 296 ms) and forces two checkpoints per
        // database, which makes every other test's dirty pages the creator's problem.
        try await execute("CREATE DATABASE \(Self.quoted(name))", on: admin.connection)
    }

    func dropDatabase(named name: String, on server: PostgresServer) async throws {
        let admin = try await adminConnection(to: server)
        // FORCE (PostgreSQL 13+) ends sessions a test left open, e.g. a pool not yet shut down.
        try await execute("DROP DATABASE IF EXISTS \(Self.quoted(name)) WITH (FORCE)", on: admin.connection)
    }

    // MARK: Finding the server

    private func locateServer() async -> Result<PostgresServer, PostgresUnavailable> {
        let clock = ContinuousClock()
        let started = clock.now
        let server: PostgresServer
        let origin: String
        if let url = ProcessInfo.processInfo.environment["TORV_TEST_POSTGRES_URL"], !url.isEmpty {
            guard let parsed = PostgresServer(url: url) else {
                return announce(
                    .failure(
                        PostgresUnavailable(
                            reason: "TORV_TEST_POSTGRES_URL is not a postgres://user:password@host:port/database URL"
                        )
                    )
                )
            }
            server = parsed
            origin = "TORV_TEST_POSTGRES_URL"
        } else {
            do {
                let cluster = try await ThrowawayPostgresCluster.start()
                server = cluster.server
                origin = "a throwaway cluster in \(cluster.directory) (\(cluster.binaries.directory))"
            } catch let error as PostgresUnavailable {
                return announce(.failure(error))
            } catch {
                return announce(.failure(PostgresUnavailable(reason: "\(error)")))
            }
        }
        do {
            let admin = try await adminConnection(to: server)
            let seconds = (clock.now - started).formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2)))
            announce(
                "PostgreSQL tests use PostgreSQL \(admin.version) at \(server), from \(origin), ready in \(seconds)")
            return .success(server)
        } catch {
            return announce(
                .failure(
                    PostgresUnavailable(reason: "cannot connect to \(server) from \(origin): \(Self.describe(error))")
                )
            )
        }
    }

    private func announce(
        _ result: Result<PostgresServer, PostgresUnavailable>
    ) -> Result<PostgresServer, PostgresUnavailable> {
        if case .failure(let unavailable) = result {
            announce("PostgreSQL tests skipped (SQLite only): \(unavailable.reason)")
        }
        return result
    }

    /// One line on standard error, which is unbuffered, so it shows even if the tests crash later.
    private nonisolated func announce(_ line: String) {
        FileHandle.standardError.write(Data("[TestSupport] \(line)\n".utf8))
    }

    // MARK: The admin connection

    /// The next admin connection to `server` in turn; the first call, from `locateServer`, makes
    /// the first one, and the others are made as they are first needed.
    private func adminConnection(to server: PostgresServer) async throws -> AdminConnection {
        let slot = AdminSlot(server: server, index: nextSlot % Self.adminConnectionsPerServer)
        nextSlot += 1
        for _ in 0..<2 {
            let task: Task<AdminConnection, any Error>
            if let pending = connections[slot] {
                task = pending
            } else {
                task = Task { [id = nextConnectionID, logger] in
                    try await Self.connect(to: server, id: id, logger: logger)
                }
                nextConnectionID += 1
                connections[slot] = task
            }
            do {
                let admin = try await task.value
                if !admin.connection.isClosed {
                    return admin
                }
            } catch {
                // Forget the failed attempt so that a later call tries again.
                if connections[slot] == task {
                    connections[slot] = nil
                }
                throw error
            }
            // The server closed the connection (restarted, or a DBA ended it): connect again once.
            // Checked before use because a query on a closed connection never returns in
            // PostgresNIO 1.33.2 (a fix, postgres-nio#487, was reverted by #501).
            if connections[slot] == task {
                connections[slot] = nil
            }
        }
        throw PostgresAdministrationError("the admin connection to \(server) keeps closing")
    }

    private static func connect(to server: PostgresServer, id: Int, logger: Logger) async throws -> AdminConnection {
        // Test servers are local or on a private CI network: no TLS.
        let configuration = PostgresConnection.Configuration(
            host: server.host,
            port: server.port,
            username: server.username,
            password: server.password,
            database: server.adminDatabase,
            tls: .disable
        )
        let connection = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        do {
            var version = "?"
            let rows = try await connection.query("SELECT current_setting('server_version')", logger: logger)
            for try await text in rows.decode(String.self) {
                version = text
            }
            return AdminConnection(connection: connection, version: version)
        } catch {
            // PostgresNIO asserts (in debug builds) that a connection is closed before it is freed.
            try? await connection.close()
            throw error
        }
    }

    private func execute(_ sql: String, on connection: PostgresConnection) async throws {
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            for try await _ in rows {}
        } catch {
            throw PostgresAdministrationError("\(sql): \(Self.describe(error))")
        }
    }

    /// A double-quoted SQL identifier: database names cannot be bound as parameters.
    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// PSQLError's `description` hides the server's message on purpose (it may reach end users);
    /// in tests we want it.
    static func describe(_ error: any Error) -> String {
        error is PSQLError ? String(reflecting: error) : "\(error)"
    }
}

/// A failed `CREATE DATABASE` or `DROP DATABASE`, with the server's own message.
struct PostgresAdministrationError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
