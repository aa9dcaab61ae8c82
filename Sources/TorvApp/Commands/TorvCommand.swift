public import ArgumentParser

/// `torv`: one program that runs the whole business.
public struct TorvCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "torv",
        abstract: "Torv — an open-source commerce platform.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UsersCommand.self, APIKeysCommand.self,
            ImportCommand.self, AuditCommand.self, LedgerCommand.self,
        ])

    public init() {}
}

/// Flags every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "SQLite path or postgres:// URL (TORV_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (TORV_LOG_LEVEL).")
    var logLevel: String?

    var overrides: [String: String] {
        var values: [String: String] = [:]
        values["TORV_DATABASE_URL"] = databaseURL
        values["TORV_LOG_LEVEL"] = logLevel
        return values
    }
}

/// The executable's entry point, so `main.swift` needs no import but TorvApp.
public enum TorvMain {
    public static func run() async { await TorvCommand.main() }
}
