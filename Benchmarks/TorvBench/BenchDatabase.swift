import Foundation
import Logging
import TestSupport

/// A scratch database per backend: a temp SQLite file, or a new database on PostgreSQL
/// (`--postgres-url`, `TORV_BENCH_POSTGRES_URL`, `TORV_TEST_POSTGRES_URL`, or a throwaway cluster).
struct BenchDatabase: Sendable {
    let backend: String
    let url: String
    let cleanup: @Sendable () async -> Void

    static func sqlite() -> BenchDatabase {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "torv-bench-\(UUID().uuidString).sqlite"
        ).path
        return BenchDatabase(backend: "sqlite", url: path) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    static func postgres() async throws -> BenchDatabase? {
        switch await PostgresTestServer.shared() {
        case .success(let server):
            let name = try await PostgresTestServer.createDatabase(on: server)
            let credentials = server.password.map { "\(server.username):\($0)" } ?? server.username
            return BenchDatabase(
                backend: "postgres",
                url: "postgres://\(credentials)@\(server.host):\(server.port)/\(name)?sslmode=disable"
            ) {
                try? await PostgresTestServer.dropDatabase(name, on: server)
            }
        case .failure(let unavailable):
            print("PostgreSQL skipped: \(unavailable.reason)")
            return nil
        }
    }
}
