/// The SQL engine behind a ``Database``. Code branches on it only where the dialects differ
/// (locking clauses, DDL types); everything else is written once.
public enum Backend: String, Sendable, Hashable, CaseIterable {
    /// Embedded SQLite: one file, one writer at a time.
    case sqlite
    /// PostgreSQL: the production store that several `torv serve` processes share.
    case postgres
}
