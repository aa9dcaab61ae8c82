import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An external program (initdb, pg_ctl, useradd), run to completion without blocking a thread.
struct Command: Sendable {
    let executable: String
    let arguments: [String]

    init(_ executable: String, _ arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// How a run ended.
    struct Outcome: Sendable, CustomStringConvertible {
        let status: Int32
        let timedOut: Bool

        var succeeded: Bool { status == 0 && !timedOut }
        var description: String { timedOut ? "timed out" : "exit status \(status)" }
    }

    /// Runs the program to its end as `owner` (see ``launch(as:in:output:onExit:)``), terminating it
    /// after `timeout`.
    ///
    /// Only for programs that leave no process behind: Foundation's `Process` on Linux notices
    /// that a child ended when a socket it gave the child is closed, so a daemon the child forks
    /// keeps this call waiting.
    func run(
        as owner: ClusterOwner? = nil,
        in directory: String,
        output: String,
        timeout: Duration
    ) async throws -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        // A stream, not a continuation: the program may end before anyone waits for it.
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self)
        let process = try launch(as: owner, in: directory, output: output) { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning {
                process.terminate()
            }
        }
        defer { watchdog.cancel() }
        var status: Int32 = -1
        for await value in exits {
            status = value
        }
        return Outcome(status: status, timedOut: clock.now - started >= timeout)
    }

    /// Starts the program as `owner` (through `runuser`, or `setpriv` where there is no runuser)
    /// or as the current user, with standard output and error appended to the file at `output`,
    /// and returns at once.
    ///
    /// Output goes to a file, not a pipe: a pipe that nobody reads fills up and stalls the child.
    func launch(
        as owner: ClusterOwner? = nil,
        in directory: String,
        output: String,
        onExit: (@Sendable (Process) -> Void)? = nil
    ) throws -> Process {
        let (launcher, launcherArguments) = try command(as: owner)
        if !FileManager.default.fileExists(atPath: output) {
            _ = FileManager.default.createFile(atPath: output, contents: nil)
        }
        guard let log = FileHandle(forWritingAtPath: output) else {
            throw PostgresUnavailable(reason: "cannot write \(output)")
        }
        defer { try? log.close() }
        log.seekToEndOfFile()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher)
        process.arguments = launcherArguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        process.terminationHandler = onExit
        try process.run()
        return process
    }

    private func command(as owner: ClusterOwner?) throws -> (String, [String]) {
        guard let owner else {
            return (executable, arguments)
        }
        if let runuser = Self.find("runuser") {
            return (runuser, ["-u", owner.name, "--", executable] + arguments)
        }
        if let setpriv = Self.find("setpriv") {
            return (
                setpriv,
                ["--reuid=\(owner.uid)", "--regid=\(owner.gid)", "--clear-groups", "--", executable] + arguments
            )
        }
        throw PostgresUnavailable(
            reason: "running as root, but neither runuser nor setpriv is installed to run PostgreSQL as '\(owner.name)'"
        )
    }

    /// The program's path from `PATH`, or from the sbin directories a non-login root shell may lack.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The last lines of a log file, for error messages.
    static func tail(of path: String, lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "(no output)"
        }
        let last = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines)
        return last.isEmpty ? "(no output)" : last.joined(separator: "\n")
    }
}
