/// DDL that makes a table append-only, enforced by the database so no code path (nor a stray
/// `psql` session) can edit history: audit log, ledger lines, stock movements.
public enum AppendOnly {
    /// Statements for `table` on `backend`; use inside the migration that creates the table.
    /// On PostgreSQL the shared trigger function comes from `persistence.0004_append_only`.
    public static func guardStatements(for table: String, on backend: Backend) -> [String] {
        switch backend {
        case .sqlite:
            [
                """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                """,
                """
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                """,
            ]
        case .postgres:
            [
                """
                CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION torv_refuse_change()
                """,
                """
                CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
                FOR EACH STATEMENT EXECUTE FUNCTION torv_refuse_change()
                """,
            ]
        }
    }

    /// A migration pair for a table created with shared SQL.
    public static func migration(_ id: String, createTable: [String], table: String) -> Migration {
        Migration(
            id, sqlite: createTable + guardStatements(for: table, on: .sqlite),
            postgres: createTable + guardStatements(for: table, on: .postgres))
    }
}
