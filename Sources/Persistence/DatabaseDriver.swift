public import SQLKit

/// What a concrete engine (SQLite or PostgreSQL, wired up in `TorvApp`) gives Persistence.
///
/// Persistence may not import the drivers (ARCHITECTURE.md), so the few engine-specific facts it
/// needs — which errors are worth a retry, which mean a duplicate key — are asked of the driver.
public protocol DatabaseDriver: Sendable {
    var backend: Backend { get }

    /// Runs `body` on one connection that nobody else uses meanwhile, so a transaction's statements
    /// all reach the same session. On SQLite this is the single writer connection.
    func withWriteConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R

    /// Runs `body` on a connection for reads outside a transaction. On SQLite (WAL) readers never
    /// block the writer; each statement sees the last committed state.
    func withReadConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R

    /// A failure after which running the whole transaction again may succeed
    /// (PostgreSQL serialization failure 40001 or deadlock 40P01, SQLite busy).
    func isTransient(_ error: any Error) -> Bool

    /// A unique-constraint violation (PostgreSQL 23505, SQLite CONSTRAINT_UNIQUE/PRIMARYKEY).
    func isUniqueViolation(_ error: any Error) -> Bool

    /// Closes every connection. The driver is unusable afterwards.
    func shutdown() async
}
