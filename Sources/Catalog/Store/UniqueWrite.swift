import SQLKit

/// Runs an UPDATE that may hit a unique key inside a savepoint.
///
/// Inserts use `ON CONFLICT DO NOTHING`, but updates cannot. On PostgreSQL a unique violation aborts
/// the whole transaction, so the statement runs behind a savepoint: after a failure the transaction
/// rolls back to it and `conflict` looks for the business reason (the committed row that now holds
/// the key). If there is none, the original error is rethrown.
func uniqueWrite(
    on db: any SQLDatabase, _ write: () async throws -> Void, conflict: () async throws -> CatalogError?
) async throws {
    try await db.raw("SAVEPOINT catalog_unique_write").run()
    do {
        try await write()
    } catch {
        try await db.raw("ROLLBACK TO SAVEPOINT catalog_unique_write").run()
        try await db.raw("RELEASE SAVEPOINT catalog_unique_write").run()
        if let reason = try await conflict() { throw reason }
        throw error
    }
    try await db.raw("RELEASE SAVEPOINT catalog_unique_write").run()
}
