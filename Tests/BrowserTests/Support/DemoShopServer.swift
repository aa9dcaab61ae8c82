import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `torv demo` running as its own process on a free port with a fresh database: the browser tests
/// drive the very binary a new user runs, demo data and background workers included.
final class DemoShopServer: Sendable {
    let url: URL
    let databasePath: String
    let logPath: String
    private let process: Process

    private init(url: URL, databasePath: String, logPath: String, process: Process) {
        self.url = url
        self.databasePath = databasePath
        self.logPath = logPath
        self.process = process
    }

    /// Starts the demo and waits until `/readyz` answers (seeding takes a while in a debug build).
    static func start(timeout: Duration = .seconds(240)) async throws -> DemoShopServer {
        let binary = try binaryPath()
        let port = try await ChromeDriverService.freeLoopbackPort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("torv-browser-\(port)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let databasePath = directory.appendingPathComponent("demo.sqlite").path
        let logPath = directory.appendingPathComponent("torv.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["demo", "--database-url", databasePath, "--port", String(port)]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        guard let url = URL(string: "http://127.0.0.1:\(port)") else { throw DemoShopError.badPort(port) }
        let server = DemoShopServer(url: url, databasePath: databasePath, logPath: logPath, process: process)
        do {
            try await server.waitUntilReady(timeout: timeout)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Stops the server (SIGINT: a graceful drain, as Ctrl-C would) and removes its files.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGINT)
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning, Date() < deadline { usleep(50_000) }
            if process.isRunning { process.terminate() }
        }
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: databasePath).deletingLastPathComponent())
    }

    func page(_ path: String) -> URL {
        URL(string: path, relativeTo: url)?.absoluteURL ?? url
    }

    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }

    private func waitUntilReady(timeout: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let ready = page("/readyz")
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw DemoShopError.exited(status: process.terminationStatus, log: logTail)
            }
            let request = HTTPClientRequest(url: ready.absoluteString)
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw DemoShopError.notReady(log: logTail)
    }

    /// `TORV_TEST_BINARY`, else the `torv` that `swift build` put beside this test bundle.
    private static func binaryPath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["TORV_TEST_BINARY"], !path.isEmpty { return path }
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("torv"))
            candidates.append(
                executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("torv"))
        }
        candidates.append(
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("torv"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/torv"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw DemoShopError.noBinary(candidates.map(\.path))
        }
        return found.path
    }
}

enum DemoShopError: Error, CustomStringConvertible {
    case noBinary([String])
    case badPort(Int)
    case exited(status: Int32, log: String)
    case notReady(log: String)

    var description: String {
        switch self {
        case .noBinary(let paths): "no torv binary (run `swift build` first); looked at \(paths)"
        case .badPort(let port): "bad port \(port)"
        case .exited(let status, let log): "torv demo exited with status \(status):\n\(log)"
        case .notReady(let log): "torv demo did not become ready:\n\(log)"
        }
    }
}

/// Runs a whole suite against one demo server: seeding the demo takes long enough that every test
/// starting its own would double the suite's time.
struct DemoShopTrait: SuiteTrait, TestScoping {
    @TaskLocal static var server: DemoShopServer?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await DemoShopServer.start()
        defer { server.stop() }
        try await Self.$server.withValue(server) { try await function() }
    }
}

extension Trait where Self == DemoShopTrait {
    static var demoShop: DemoShopTrait { DemoShopTrait() }
}

enum Screenshots {
    /// Where each run keeps its screenshots of the key pages: `TORV_TEST_SCREENSHOTS`, else
    /// `.build/browser-screenshots` in the package.
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["TORV_TEST_SCREENSHOTS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                ".build/browser-screenshots")
    }
}
