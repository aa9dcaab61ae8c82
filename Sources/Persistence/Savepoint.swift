public import SQLKit

/// Runs a multi-statement change so that it takes effect entirely or not at all inside the caller's
/// transaction. Facades receive a session they do not own; without a savepoint, a flow that catches a
/// refusal and commits the rest of its work would keep the statements run before the failing one —
/// reserved stock with no reservation behind it, an entry with half its lines.
public enum Savepoint {
    public static func atomically<R>(
        _ name: String, on db: any SQLDatabase, _ body: () async throws -> R
    ) async throws -> R {
        try await db.raw(SQLQueryString("SAVEPOINT " + name)).run()
        do {
            let result = try await body()
            try await db.raw(SQLQueryString("RELEASE SAVEPOINT " + name)).run()
            return result
        } catch {
            // Also works after a PostgreSQL error has aborted the transaction; if the session itself is
            // gone, the original error is the one worth reporting.
            try? await db.raw(SQLQueryString("ROLLBACK TO SAVEPOINT " + name)).run()
            try? await db.raw(SQLQueryString("RELEASE SAVEPOINT " + name)).run()
            throw error
        }
    }
}
