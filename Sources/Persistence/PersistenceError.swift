public import TorvCore

/// Failures of the storage layer itself (not of a business rule).
public enum PersistenceError: DomainError, Equatable {
    /// `inTransaction` was called inside another `inTransaction`. Flows open one transaction and pass
    /// its session down; a nested call would deadlock on SQLite's single writer.
    case nestedTransaction
    /// The transaction kept failing with transient errors after every retry.
    case retriesExhausted(attempts: Int)
    /// A recorded migration's SQL no longer matches the code: migrations are append-only.
    case migrationEdited(id: String)
    /// The database records a migration this build does not know (a newer build ran against it).
    case unknownMigration(id: String)
    /// A stored row could not be read back.
    case corruptRow(table: String, detail: String)

    public var code: String {
        switch self {
        case .nestedTransaction: "nested_transaction"
        case .retriesExhausted: "transaction_retries_exhausted"
        case .migrationEdited: "migration_edited"
        case .unknownMigration: "unknown_migration"
        case .corruptRow: "corrupt_row"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .retriesExhausted: .unavailable
        default: .unavailable
        }
    }

    public var message: String {
        switch self {
        case .nestedTransaction: "A transaction was opened inside another transaction."
        case .retriesExhausted(let attempts): "The database stayed busy after \(attempts) attempts; try again."
        case .migrationEdited(let id): "Migration \(id) changed after it was applied; add a new migration instead."
        case .unknownMigration(let id): "The database has migration \(id), which this build does not know."
        case .corruptRow(let table, let detail): "A row of \(table) could not be read: \(detail)."
        }
    }

    public var fieldErrors: [FieldError] { [] }
}
