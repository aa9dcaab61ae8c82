import ArgumentParser

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Serve a demo shop on 127.0.0.1:8080 with sample data, and print how to sign in.")

    @Option(name: .customLong("database-url"), help: "Where the demo keeps its data.")
    var databaseURL = "./torv-demo.sqlite"
    @Option(help: "Port to listen on.") var port = 8080

    func run() async throws {
        let configuration = try TorvConfiguration.loadFromProcess(overrides: [
            "TORV_DATABASE_URL": databaseURL, "TORV_PORT": String(port), "TORV_HOST": "127.0.0.1",
        ])
        try await TorvServer.run(configuration) { platform in
            let summary = try await DemoShop.seed(on: platform)
            print(summary.banner(url: "http://127.0.0.1:\(port)"))
        }
    }
}
