import ArgumentParser
import Flows
import Foundation
import Identity
import Persistence

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage staff users.", subcommands: [CreateAdmin.self])

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-admin",
            abstract: "Create a staff user with the owner role.",
            discussion: "The password is read from TORV_ADMIN_PASSWORD or, failing that, from standard input.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "E-mail address to sign in with.") var email: String
        @Option(help: "The person's name.") var name: String = "Administrator"

        func run() async throws {
            let configuration = try TorvConfiguration.loadFromProcess(overrides: database.overrides)
            guard let password = Self.password() else {
                throw ValidationError("Give a password in TORV_ADMIN_PASSWORD or on standard input.")
            }
            let platform = try await TorvServer.openPlatform(configuration, logger: TorvServer.logger(configuration))
            do {
                try await platform.migrate()
                let user = try await Administrators.createOwner(
                    email: email, name: name, password: password, on: platform)
                print("Created owner \(user.email) (\(user.id)).")
            } catch {
                await platform.database.shutdown()
                throw CommandFailure(error)
            }
            await platform.database.shutdown()
        }

        static func password() -> String? {
            if let value = ProcessInfo.processInfo.environment["TORV_ADMIN_PASSWORD"], !value.isEmpty { return value }
            if isatty(STDIN_FILENO) != 0 { print("Password: ", terminator: "") }
            return readLine(strippingNewline: true).flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}
