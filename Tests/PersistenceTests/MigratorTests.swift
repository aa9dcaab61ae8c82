import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Migrations")
struct MigratorTests {
    static let first = Migration("test.0001_items", ["CREATE TABLE test_items (id TEXT PRIMARY KEY)"])
    static let second = Migration("test.0002_add_name", ["ALTER TABLE test_items ADD COLUMN name TEXT"])

    @Test("migrations apply once, in order, and are recorded", arguments: TestBackend.allCases)
    func appliesOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend, migrate: false) { env in
            let migrator = Migrator([Self.first, Self.second])
            let firstRun = try await migrator.migrate(env.database)
            let secondRun = try await migrator.migrate(env.database)
            let recorded = try await migrator.applied(env.database)
            #expect(firstRun == ["test.0001_items", "test.0002_add_name"])
            #expect(secondRun == [])
            #expect(recorded == ["test.0001_items", "test.0002_add_name"])
        }
    }

    @Test("a migration edited after it was applied is refused", arguments: TestBackend.allCases)
    func editedMigrationRefused(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend, migrate: false) { env in
            try await Migrator([Self.first]).migrate(env.database)
            let edited = Migration("test.0001_items", ["CREATE TABLE test_items (id TEXT PRIMARY KEY, extra TEXT)"])
            await #expect(throws: PersistenceError.migrationEdited(id: "test.0001_items")) {
                try await Migrator([edited]).migrate(env.database)
            }
        }
    }

    @Test("a database migrated by a newer build is refused by an older one", arguments: TestBackend.allCases)
    func unknownMigrationRefused(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend, migrate: false) { env in
            try await Migrator([Self.first, Self.second]).migrate(env.database)
            await #expect(throws: PersistenceError.unknownMigration(id: "test.0002_add_name")) {
                try await Migrator([Self.first]).migrate(env.database)
            }
        }
    }

    @Test("a failing migration leaves no trace and is not recorded", arguments: TestBackend.allCases)
    func failingMigrationRollsBack(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend, migrate: false) { env in
            let broken = Migration(
                "test.0001_broken", ["CREATE TABLE test_half (id TEXT PRIMARY KEY)", "THIS IS NOT SQL"])
            await #expect(throws: (any Error).self) { try await Migrator([broken]).migrate(env.database) }
            #expect(try await Migrator([]).applied(env.database) == [])
            // The table of the first statement was rolled back with the second's failure.
            try await Migrator([Self.first]).migrate(env.database)
            let fixed = Migration("test.0001_broken", ["CREATE TABLE test_half (id TEXT PRIMARY KEY)"])
            #expect(try await Migrator([Self.first, fixed]).migrate(env.database) == ["test.0001_broken"])
        }
    }

    @Test("two processes migrating at once apply each migration once", arguments: TestBackend.allCases)
    func concurrentMigrators(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend, migrate: false) { env in
            let other = try await env.openAnotherPool()
            let migrator = Migrator([Self.first, Self.second])
            async let a = migrator.migrate(env.database)
            async let b = migrator.migrate(other)
            let applied = try await a + b
            #expect(applied.sorted() == ["test.0001_items", "test.0002_add_name"])
            await other.shutdown()
        }
    }
}
