import Logging
import PostgresNIO
import TestSupport
import Testing

@Suite("PostgresTestServer: a PostgreSQL server and a fresh database per test")
struct PostgresTestServerTests {
    private static let logger = Logger(label: "torv.tests.postgres") { _ in SwiftLogNoOpLogHandler() }

    @Test(
        "two databases created at once are separate, usable and can be dropped",
        .enabled("needs PostgreSQL: TORV_TEST_POSTGRES_URL or local server binaries") {
            await PostgresTestServer.isAvailable
        }
    )
    func twoDatabasesAtOnce() async throws {
        let server = try await PostgresTestServer.shared().get()

        async let first = PostgresTestServer.createDatabase(on: server)
        async let second = PostgresTestServer.createDatabase(on: server)
        let names = try await [first, second]

        #expect(names[0] != names[1])
        for name in names {
            #expect(name.hasPrefix("torv_test_"))
            #expect(try await Self.selectOne(in: name, on: server) == 1)
        }

        for name in names {
            try await PostgresTestServer.dropDatabase(name, on: server)
        }
        #expect(try await Self.databaseCount(named: names, on: server) == 0)
    }

    @Test(
        "fifty parallel createDatabase calls all succeed with distinct names",
        .enabled("needs PostgreSQL: TORV_TEST_POSTGRES_URL or local server binaries") {
            await PostgresTestServer.isAvailable
        }
    )
    func fiftyInParallel() async throws {
        let server = try await PostgresTestServer.shared().get()

        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 {
                group.addTask { try await PostgresTestServer.createDatabase(on: server) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }

        #expect(Set(names).count == 50)
        #expect(try await Self.databaseCount(named: names, on: server) == 50)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in names {
                group.addTask { try await PostgresTestServer.dropDatabase(name, on: server) }
            }
            try await group.waitForAll()
        }
        #expect(try await Self.databaseCount(named: names, on: server) == 0)
    }

    @Test(
        "dropping a database ends the sessions still connected to it",
        .enabled("needs PostgreSQL: TORV_TEST_POSTGRES_URL or local server binaries") {
            await PostgresTestServer.isAvailable
        }
    )
    func dropEndsOpenSessions() async throws {
        let server = try await PostgresTestServer.shared().get()
        let name = try await PostgresTestServer.createDatabase(on: server)
        let connection = try await Self.connect(to: name, on: server)

        try await PostgresTestServer.dropDatabase(name, on: server)

        #expect(try await Self.databaseCount(named: [name], on: server) == 0)
        // The server ended the session: the connection closes by itself. (Do not query it to find
        // out: in PostgresNIO 1.33.2 a query on a closed connection never returns.)
        try await connection.closeFuture.get()
        #expect(connection.isClosed)
    }

    @Test("a server given by URL is read as libpq reads it")
    func serverFromURL() {
        let server = PostgresServer(
            host: "127.0.0.1",
            port: 5433,
            username: "torv",
            password: "p@ss word",
            adminDatabase: "postgres"
        )
        #expect(server.url(database: "torv_test_x") == "postgres://torv:p%40ss%20word@127.0.0.1:5433/torv_test_x")
        #expect(server.description == "torv@127.0.0.1:5433/postgres")
    }

    // MARK: Helpers

    private static func connect(to database: String, on server: PostgresServer) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            host: server.host,
            port: server.port,
            username: server.username,
            password: server.password,
            database: database,
            tls: .disable
        )
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    }

    private static func selectOne(in database: String, on server: PostgresServer) async throws -> Int {
        let connection = try await connect(to: database, on: server)
        do {
            var result = 0
            for try await (value, current) in try await connection.query(
                "SELECT 1, current_database()",
                logger: logger
            ).decode((Int, String).self) {
                #expect(current == database)
                result = value
            }
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func databaseCount(named names: [String], on server: PostgresServer) async throws -> Int {
        let connection = try await connect(to: server.adminDatabase, on: server)
        do {
            var count = 0
            for try await (value) in try await connection.query(
                "SELECT count(*)::int8 FROM pg_database WHERE datname = ANY(\(names))",
                logger: logger
            ).decode(Int.self) {
                count = value
            }
            try await connection.close()
            return count
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
