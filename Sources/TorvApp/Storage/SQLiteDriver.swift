import Foundation
import Logging
import Persistence
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite in WAL mode: one writer connection (behind `Database`'s write gate) and a few reader
/// connections that never block it.
///
/// `synchronous=FULL` on every table: a committed order, payment or ledger line must survive a power
/// cut, and on this workload FULL costs little next to the single-writer limit (see the benchmark).
final class SQLiteDriver: DatabaseDriver {
    let backend = Backend.sqlite
    let path: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<Int>(0)

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.path = path
        self.writer = writer
        self.readers = readers
    }

    static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteDriver {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in [
            "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
            // Other processes on the same file (`torv migrate` beside `torv serve`) wait up to 10 s.
            "PRAGMA busy_timeout = 10000",
        ] {
            try await writer.sql().raw(SQLQueryString(pragma)).run()
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<readerCount {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000", "PRAGMA query_only = ON"] {
                try await reader.sql().raw(SQLQueryString(pragma)).run()
            }
            readers.append(reader)
        }
        return SQLiteDriver(path: path, writer: writer, readers: readers)
    }

    func withWriteConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await body(writer.sql())
    }

    func withReadConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        // Readers serve single statements; a connection used by two tasks at once is safe (SQLite's
        // serialized threading mode) and merely queues them.
        let index = nextReader.add(1, ordering: .relaxed).oldValue % readers.count
        return try await body(readers[index].sql())
    }

    func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        return [.busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot].contains(error.reason)
    }

    func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        return [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
    }

    func shutdown() async {
        for connection in readers + [writer] {
            try? await connection.close()
        }
    }
}
