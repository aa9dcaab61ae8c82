import Foundation
import Logging
import Persistence
import SQLKit
import Synchronization
import Testing

@testable import TorvApp

@Suite("SQLite readers")
struct SQLiteReadersTests {
    /// A read that started before a commit must not hide the commit from reads that start after it.
    /// With shared round-robin readers one of the reads below landed on the connection still stepping
    /// the long read and joined its older snapshot.
    @Test("a read started after a commit sees it even while an older read is still running")
    func readYourWrite() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("torv-readers-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try await DatabaseConnector.open(url: path, logger: Logger(label: "torv.test"))
        defer { Task { await database.shutdown() } }
        try await database.inTransaction { db in
            try await db.raw("CREATE TABLE registrations (email TEXT PRIMARY KEY)").run()
            try await db.raw("INSERT INTO registrations (email) VALUES ('first@example.com')").run()
        }

        let started = Flag()
        let longRead = Task {
            try await database.read { db in
                started.set()
                // A statement that keeps stepping (one row at a time) holds its snapshot until it ends.
                let rows = Counter()
                try await db.raw(
                    """
                    WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400000)
                    SELECT x FROM registrations, n
                    """
                ).run { _ in rows.add() }
                return rows.value
            }
        }
        while !started.isSet { try await Task.sleep(for: .milliseconds(1)) }
        try await Task.sleep(for: .milliseconds(20))
        try await database.inTransaction { db in
            try await db.raw("INSERT INTO registrations (email) VALUES ('ada@example.com')").run()
        }
        for attempt in 0..<8 {
            let found = try await database.read { db in
                try await db.raw("SELECT count(*) AS c FROM registrations WHERE email = 'ada@example.com'")
                    .first(decodingColumn: "c", as: Int.self)
            }
            #expect(found == 1, "read \(attempt) after the commit missed it")
        }
        #expect(try await longRead.value == 400_000)
    }

    @Test("a read nested in a read reuses its connection instead of waiting for a free one")
    func nestedReads() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("torv-readers-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try await DatabaseConnector.open(url: path, logger: Logger(label: "torv.test"))
        defer { Task { await database.shutdown() } }
        // More concurrent outer reads than connections, each nesting two more: with exclusive lending
        // and no reuse this would deadlock.
        let sums = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await database.read { _ in
                        try await database.read { _ in
                            try await database.read { db in
                                try await db.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self) ?? 0
                            }
                        }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(sums == 16)
    }
}

private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

private final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func add() { count.withLock { $0 += 1 } }
}
