import ArgumentParser
import Flows
import Logging
import Persistence

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Work on the general ledger.", subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract:
                "Post every business event of the history that the ledger lacks (entries already posted stay as they are)."
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let configuration = try TorvConfiguration.loadFromProcess(overrides: database.overrides)
            let platform = try await TorvServer.openPlatform(configuration, logger: TorvServer.logger(configuration))
            let report: Bookkeeping.RebuildReport
            do {
                report = try await platform.bookkeeping.rebuild(from: platform.database)
            } catch {
                await platform.database.shutdown()
                throw error
            }
            await platform.database.shutdown()
            print(
                "Read \(report.eventsRead) events: posted \(report.entriesPosted) entries, "
                    + "\(report.entriesAlreadyPosted) were already in the ledger.")
        }
    }
}
