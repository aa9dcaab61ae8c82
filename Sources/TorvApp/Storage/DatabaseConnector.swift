import Foundation
public import Logging
public import Persistence

/// Opens the database a configuration names: a SQLite file path (or `sqlite://path`), or a
/// `postgres://` URL.
public enum DatabaseConnector {
    public static func open(url: String, maxConnections: Int = 20, logger: Logger) async throws -> Database {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            let driver = try await PostgresDriver.connect(
                try PostgresTarget(url: url), maxConnections: maxConnections, logger: logger)
            return Database(driver: driver, logger: logger)
        }
        let path = url.hasPrefix("sqlite://") ? String(url.dropFirst("sqlite://".count)) : url
        guard !path.isEmpty else { throw StartupError.badDatabaseURL("the SQLite path is empty") }
        return Database(driver: try await SQLiteDriver.open(path: path, logger: logger), logger: logger)
    }
}
