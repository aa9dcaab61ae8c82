import ArgumentParser
import Flows
import Logging
import Persistence

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply every module's pending migrations (or list them with --status).")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Only list pending migrations.") var status = false

    func run() async throws {
        let configuration = try TorvConfiguration.loadFromProcess(overrides: database.overrides)
        let platform = try await TorvServer.openPlatform(configuration, logger: TorvServer.logger(configuration))
        defer { Task { await platform.database.shutdown() } }
        if status {
            let pending = try await platform.pendingMigrations()
            print(pending.isEmpty ? "Up to date." : "Pending:\n" + pending.map { "  \($0)" }.joined(separator: "\n"))
        } else {
            let applied = try await platform.migrate()
            print(applied.isEmpty ? "Up to date." : "Applied:\n" + applied.map { "  \($0)" }.joined(separator: "\n"))
        }
        await platform.database.shutdown()
    }
}
