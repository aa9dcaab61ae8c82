public import Foundation
import Logging
import SQLKit

/// Applies each module's migrations once, in order, each in its own transaction, and records them
/// in `schema_migrations`. Safe to run from several processes at once: on PostgreSQL an advisory
/// lock serialises migrators; on SQLite the single writer does.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(_ migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies what is missing and returns the IDs applied now.
    @discardableResult
    public func migrate(_ database: Database, now: @escaping @Sendable () -> Date = Date.init) async throws -> [String]
    {
        try await createLedgerTable(database)
        let known = Set(migrations.map(\.id))
        let recorded = try await recordedChecksums(database)
        if let stranger = recorded.keys.sorted().first(where: { !known.contains($0) }) {
            throw PersistenceError.unknownMigration(id: stranger)
        }

        var applied: [String] = []
        for migration in migrations {
            let backend = database.backend
            let checksum = migration.checksum(for: backend)
            let didApply = try await database.inTransaction { db in
                if backend == .postgres {
                    // One migrator at a time across processes; released at COMMIT.
                    try await db.raw("SELECT pg_advisory_xact_lock(73662611)").run()
                }
                let existing = try await db.raw(
                    "SELECT checksum FROM schema_migrations WHERE id = \(bind: migration.id)"
                ).first(decodingColumn: "checksum", as: String.self)
                if let existing {
                    guard existing == checksum else { throw PersistenceError.migrationEdited(id: migration.id) }
                    return false
                }
                for statement in migration.statements(for: backend) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (id, checksum, applied_at)
                    VALUES (\(bind: migration.id), \(bind: checksum), \(bind: now().epochMicroseconds))
                    """
                ).run()
                return true
            }
            if didApply {
                database.logger.info("applied migration", metadata: ["migration": "\(migration.id)"])
                applied.append(migration.id)
            }
        }
        return applied
    }

    /// The IDs of applied migrations, oldest first.
    public func applied(_ database: Database) async throws -> [String] {
        try await createLedgerTable(database)
        return try await database.read { db in
            try await db.raw("SELECT id FROM schema_migrations ORDER BY applied_at, id").all(
                decodingColumn: "id", as: String.self)
        }
    }

    private func createLedgerTable(_ database: Database) async throws {
        let backend = database.backend
        try await database.inTransaction { db in
            if backend == .postgres {
                // Two processes creating the table at once would collide in the catalog.
                try await db.raw("SELECT pg_advisory_xact_lock(73662611)").run()
            }
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id TEXT PRIMARY KEY,
                    checksum TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """
            ).run()
        }
    }

    private func recordedChecksums(_ database: Database) async throws -> [String: String] {
        try await database.read { db in
            let rows = try await db.raw("SELECT id, checksum FROM schema_migrations").all()
            var result: [String: String] = [:]
            for row in rows {
                result[try row.decode(column: "id", as: String.self)] = try row.decode(
                    column: "checksum", as: String.self)
            }
            return result
        }
    }
}
