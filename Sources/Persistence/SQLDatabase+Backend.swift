public import SQLKit

extension SQLDatabase {
    /// The backend behind this session, for the few statements whose SQL differs
    /// (row locks such as `FOR UPDATE SKIP LOCKED` exist only on PostgreSQL).
    public var backend: Backend {
        dialect.name == "postgresql" ? .postgres : .sqlite
    }
}
