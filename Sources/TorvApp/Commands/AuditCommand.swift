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
