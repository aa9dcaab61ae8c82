import ArgumentParser
import Flows
import Foundation
import Identity
import Persistence

struct APIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-keys", abstract: "Manage API keys.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API key on behalf of a staff user and print its token once.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "A name that says what the key is for.") var name: String
        @Option(help: "Comma-separated permissions, e.g. identity.staff.read,identity.audit.read") var scopes: String
        @Option(
            name: .customLong("staff-email"), help: "The staff user the key acts for; it holds no more than they do.")
        var staffEmail: String

        func run() async throws {
            let configuration = try TorvConfiguration.loadFromProcess(overrides: database.overrides)
            let platform = try await TorvServer.openPlatform(configuration, logger: TorvServer.logger(configuration))
            do {
                try await platform.migrate()
                let issued = try await APIKeys.create(
                    name: name, scopes: scopes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                    forStaffEmail: staffEmail, on: platform)
                print("API key \(issued.key.id) created. Copy the token now; it is not shown again:\n\(issued.token)")
            } catch {
                await platform.database.shutdown()
                throw CommandFailure(error)
            }
            await platform.database.shutdown()
        }
    }
}
