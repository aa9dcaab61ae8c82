public import Logging
public import SQLKit

/// The one way modules reach storage: transactions for writes, plain reads for queries.
///
/// Facades never open transactions themselves; they take `on db: any SQLDatabase`, and a flow hands
/// them the session of the one transaction it opened. That keeps the boundary visible at the call site.
public struct Database: Sendable {
    public let backend: Backend
    public let logger: Logger
    let driver: any DatabaseDriver
    /// SQLite only: the in-process queue in front of the single writer.
    let writeGate: WriteGate?
    /// How often a transaction that failed with a transient error is run again.
    public var maxAttempts: Int

    public init(driver: any DatabaseDriver, logger: Logger = Logger(label: "torv.db"), maxAttempts: Int = 8) {
        self.backend = driver.backend
        self.driver = driver
        self.logger = logger
        self.writeGate = driver.backend == .sqlite ? WriteGate() : nil
        self.maxAttempts = maxAttempts
    }

    /// Runs `body` outside any transaction, for reads. Each statement sees committed data only.
    public func read<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await driver.withReadConnection(body)
    }

    /// Whether `error` is a duplicate key, so callers can turn it into their own `conflict` error.
    public func isUniqueViolation(_ error: any Error) -> Bool {
        driver.isUniqueViolation(error)
    }

    /// Closes every connection.
    public func shutdown() async {
        await driver.shutdown()
    }
}
