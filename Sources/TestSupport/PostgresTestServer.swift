/// Where a test process finds its PostgreSQL server.
///
/// Store tests run on SQLite always and on PostgreSQL when one is available:
/// 1. `TORV_TEST_POSTGRES_URL` (`postgres://user:pass@host:port/admin_db`) names an existing server;
/// 2. otherwise, when PostgreSQL's server binaries are installed, one throwaway cluster is started
///    for the whole test process (see `ThrowawayPostgresCluster`) and removed when it exits;
/// 3. otherwise there is no server, and one line on standard error says why.
///
/// Every test gets its own database from ``createDatabase(on:)``, so tests running in parallel
/// never see each other's tables.
public enum PostgresTestServer {
    /// The server for this test process, or the reason there is none.
    ///
    /// The first call starts (or checks) the server; every later call, from any task, gets the
    /// same answer without starting anything again.
    public static func shared() async -> Result<PostgresServer, PostgresUnavailable> {
        await PostgresAdministration.shared.server()
    }

    /// Whether ``shared()`` has a server, for `@Test(.enabled { await PostgresTestServer.isAvailable })`.
    public static var isAvailable: Bool {
        get async {
            if case .success = await shared() { true } else { false }
        }
    }

    /// Creates an empty database with a unique name (`torv_test_<random>`) and returns its name.
    public static func createDatabase(on server: PostgresServer) async throws -> String {
        let name = "torv_test_" + randomSuffix()
        try await PostgresAdministration.shared.createDatabase(named: name, on: server)
        return name
    }

    /// Drops a database made by ``createDatabase(on:)``, ending any sessions still connected to it.
    public static func dropDatabase(_ name: String, on server: PostgresServer) async throws {
        try await PostgresAdministration.shared.dropDatabase(named: name, on: server)
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<16).map { _ in alphabet.randomElement()! })
    }
}

/// Why this test process has no PostgreSQL server; tests then run on SQLite only.
public struct PostgresUnavailable: Error, Sendable, CustomStringConvertible {
    /// A sentence for people, e.g. "no PostgreSQL server binaries (initdb, postgres) in PATH or /usr/lib/postgresql/*/bin".
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
