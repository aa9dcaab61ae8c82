import Foundation
import Logging
import NIOPosix
import Persistence
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection (behind `Database`'s write gate) and a few reader
/// connections that never block it, each lent to one read at a time (``ReaderPool``).
///
/// `synchronous=FULL` on every table: a committed order, payment or ledger line must survive a power
/// cut, and on this workload FULL costs little next to the single-writer limit (see the benchmark).
final class SQLiteDriver: DatabaseDriver {
    let backend = Backend.sqlite
    let path: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let pool: ReaderPool
    private let threads: NIOThreadPool

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection], threads: NIOThreadPool) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.pool = ReaderPool(count: readers.count)
        self.threads = threads
    }

    static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteDriver {
        // Threads of its own: every SQLite call blocks its thread, and `BEGIN IMMEDIATE` blocks it for up
        // to `busy_timeout` while another process holds the write lock. On the shared singleton pool
        // (one thread per core, also running bcrypt) two such waiters starved the lock holders of
        // threads: the test suite's two-process tests stalled for minutes (measured 2026-11, 2 cores).
        // With two threads here, a waiting writer never blocks this database's readers.
        let threads = NIOThreadPool(numberOfThreads: 2)
        threads.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        var opened: [SQLiteConnection] = []
        do {
            func connect(_ pragmas: [String]) async throws -> SQLiteConnection {
                let connection = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: threads, logger: logger, on: eventLoop)
                opened.append(connection)
                for pragma in pragmas {
                    try await connection.sql().raw(SQLQueryString(pragma)).run()
                }
                return connection
            }
            let writer = try await connect([
                "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                // Other processes on the same file (`torv migrate` beside `torv serve`) wait up to 10 s.
                "PRAGMA busy_timeout = 10000",
            ])
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                readers.append(
                    try await connect([
                        "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000", "PRAGMA query_only = ON",
                    ]))
            }
            return SQLiteDriver(path: path, writer: writer, readers: readers, threads: threads)
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threads.shutdownGracefully()
            throw error
        }
    }

    func withWriteConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await body(writer.sql())
    }

    func withReadConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await pool.withReader { index in try await body(readers[index].sql()) }
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
        try? await threads.shutdownGracefully()
    }
}
