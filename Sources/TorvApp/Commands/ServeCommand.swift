import ArgumentParser

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Migrate the database, then serve the API, the docs and the workers.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (TORV_HOST).") var host: String?
    @Option(help: "Port to listen on (TORV_PORT).") var port: Int?

    func run() async throws {
        var overrides = database.overrides
        overrides["TORV_HOST"] = host
        overrides["TORV_PORT"] = port.map(String.init)
        let configuration = try TorvConfiguration.loadFromProcess(overrides: overrides)
        try await TorvServer.run(configuration)
    }
}
