import ArgumentParser
import Flows
import Logging
import Persistence

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check every module's invariants (stock equals its movements, …); exits 1 when one is broken.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try TorvConfiguration.loadFromProcess(overrides: database.overrides)
        let platform = try await TorvServer.openPlatform(configuration, logger: TorvServer.logger(configuration))
        let findings: [InvariantFinding]
        do {
            // An unmigrated database has nothing to audit; say so instead of a missing-table error.
            let pending = try await platform.pendingMigrations()
            guard pending.isEmpty else { throw NotMigrated(pending: pending.count) }
            findings = try await InvariantAudit.run(on: platform)
        } catch {
            await platform.database.shutdown()
            throw error
        }
        await platform.database.shutdown()
        if findings.isEmpty {
            print("Every invariant holds.")
        } else {
            print("\(findings.count) broken invariant(s):")
            for finding in findings { print("  \(finding)") }
            throw ExitCode(1)
        }
    }
}

/// The database lacks migrations, so its tables cannot be read as this version expects.
struct NotMigrated: Error, CustomStringConvertible {
    let pending: Int

    var description: String {
        "The database is not migrated (\(pending) migration(s) pending); run `torv migrate` first."
    }
}
