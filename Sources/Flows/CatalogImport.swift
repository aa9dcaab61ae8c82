public import Catalog
public import Persistence

/// Importing and exporting the catalog as CSV, from `torv import` or the console.
public enum CatalogImport {
    /// Reads `csv`; a dry run reports every bad row and writes nothing, a real import applies every
    /// row in one transaction or — when any row is bad — nothing, throwing `import_rejected`.
    public static func run(
        csv: String, dryRun: Bool, by actor: AuditActor, on platform: Platform
    ) async throws
        -> ImportReport
    {
        let catalog = platform.catalog
        return try await platform.database.inTransaction { db in
            try await catalog.importCatalog(csv: csv, dryRun: dryRun, by: actor, on: db)
        }
    }

    public static func export(on platform: Platform) async throws -> String {
        let catalog = platform.catalog
        return try await platform.database.read { db in try await catalog.exportCatalog(on: db) }
    }
}
