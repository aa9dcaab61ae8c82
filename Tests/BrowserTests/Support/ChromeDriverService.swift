public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A chromedriver process on a free loopback port, owned by one test (or suite) and stopped by it.
public actor ChromeDriverService {
    public nonisolated let url: URL
    public nonisolated let driverPath: String
    public nonisolated let browserPath: String
    /// Holds chromedriver's log and, on Linux, everything Chromium puts in TMPDIR; removed by `stop()`.
    public nonisolated let workDirectory: URL
    private let process: Process

    private var logFile: URL { workDirectory.appendingPathComponent("chromedriver.log") }

    private init(url: URL, driverPath: String, browserPath: String, workDirectory: URL, process: Process) {
        self.url = url
        self.driverPath = driverPath
        self.browserPath = browserPath
        self.workDirectory = workDirectory
        self.process = process
    }

    /// Starts chromedriver and waits until GET /status reports ready.
    public static func start(readyTimeout: Duration = .seconds(20)) async throws -> ChromeDriverService {
        let (driverPath, browserPath) = try ExecutableLocator.driverAndBrowser()
        var lastError: (any Error)?
        // A port found free can be taken by someone else before chromedriver binds it; retry on a new one.
        for _ in 0..<3 {
            do {
                return try await launch(driverPath: driverPath, browserPath: browserPath, readyTimeout: readyTimeout)
            } catch let error as LaunchFailure {
                lastError = error.underlying
                guard error.retryable else { break }
            }
        }
        throw lastError ?? WebDriverError.driverUnavailable("chromedriver did not start")
    }

    /// Nil when chromedriver and a browser are installed, else a sentence saying what is missing, for
    /// skip messages. Presence only: a driver that is installed but broken must fail tests, not skip them.
    public static func unavailableReason(environment: [String: String]? = nil) -> String? {
        do {
            _ = try ExecutableLocator.driverAndBrowser(environment: environment ?? ProcessInfo.processInfo.environment)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// Opens a browser session on this driver with the browser binary that was located.
    public func newSession(
        windowWidth: Int? = nil, windowHeight: Int? = nil, mobile: Bool = false
    ) async throws
        -> WebDriverSession
    {
        try await WebDriverSession.start(
            driver: url, browserBinary: browserPath, windowWidth: windowWidth, windowHeight: windowHeight,
            mobile: mobile)
    }

    public var isRunning: Bool { process.isRunning }

    /// Asks chromedriver to quit (which also closes browsers a test forgot to end), then terminates it
    /// and waits, escalating to SIGKILL so no process outlives the test run.
    public func stop() async {
        // Start-up failures already quote the log's tail; once stopped the directory has served its purpose.
        defer { try? FileManager.default.removeItem(at: workDirectory) }
        guard process.isRunning else { return }
        let transport = WebDriverTransport(baseURL: url, requestTimeout: .seconds(5))
        _ = try? await transport.send(.GET, "/shutdown")
        if await Self.waitForExit(process, within: .seconds(3)) { return }
        process.terminate()
        if await Self.waitForExit(process, within: .seconds(3)) { return }
        kill(process.processIdentifier, SIGKILL)
        _ = await Self.waitForExit(process, within: .seconds(3))
    }

    private struct LaunchFailure: Error {
        let underlying: any Error
        let retryable: Bool
    }

    private static func launch(
        driverPath: String, browserPath: String, readyTimeout: Duration
    ) async throws
        -> ChromeDriverService
    {
        let port = try await freeLoopbackPort()
        // Short name: Chromium puts a Unix socket below it, and socket paths are limited to ~104 bytes.
        let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("torv-cd-\(port)")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let logFile = workDirectory.appendingPathComponent("chromedriver.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: driverPath)
        // No --allowed-ips: its default accepts only local clients, and the driver can launch programs.
        process.arguments = ["--port=\(port)", "--log-level=WARNING"]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        #if os(Linux)
        // Chromium leaves an org.chromium.Chromium.* directory in TMPDIR after every session, even a
        // cleanly ended one; pointing TMPDIR here lets stop() remove them with the rest.
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = workDirectory.path
        process.environment = environment
        #endif
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: workDirectory)
            throw LaunchFailure(
                underlying: WebDriverError.driverUnavailable("cannot run \(driverPath): \(error)"), retryable: false)
        }

        guard let url = URL(string: "http://127.0.0.1:\(port)") else {
            process.terminate()
            throw LaunchFailure(underlying: WebDriverError.driverUnavailable("bad port \(port)"), retryable: false)
        }
        let service = ChromeDriverService(
            url: url, driverPath: driverPath, browserPath: browserPath, workDirectory: workDirectory, process: process)
        do {
            try await service.waitUntilReady(timeout: readyTimeout)
            return service
        } catch {
            let exited = await !service.isRunning
            await service.stop()
            throw LaunchFailure(underlying: error, retryable: exited)
        }
    }

    private func waitUntilReady(timeout: Duration) async throws {
        let transport = WebDriverTransport(baseURL: url, requestTimeout: .seconds(2))
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw WebDriverError.driverUnavailable(
                    "chromedriver exited with status \(process.terminationStatus); log: \(logTail())")
            }
            if let status = try? await transport.send(.GET, "/status"), status["ready"]?.boolValue == true {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw WebDriverError.driverUnavailable("chromedriver not ready after \(timeout); log: \(logTail())")
    }

    private func logTail() -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.isEmpty ? "(empty) \(logFile.path)" : String(text.suffix(600))
    }

    private static func waitForExit(_ process: Process, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return !process.isRunning
    }

    // Binding port 0 lets the kernel pick a port nothing else holds; parallel test processes on one
    // CI machine therefore never collide on a fixed 9515.
    static func freeLoopbackPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port else { throw WebDriverError.driverUnavailable("could not reserve a loopback port") }
        return port
    }
}
