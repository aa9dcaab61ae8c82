import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The clusters this process started: stopped and deleted by an `atexit` handler.
///
/// `atexit` runs when the test runner returns from `main` or calls `exit`, which is how both
/// `swift test` runners end, passing or failing. A process killed by a signal or a crash runs no
/// handler; its directory and server are then removed by the next test process's start.
final class ClusterRemoval: Sendable {
    static let shared = ClusterRemoval()

    private let state = Mutex<(handlerInstalled: Bool, directories: [String])>((false, []))

    func register(_ directory: String) {
        let installHandler = state.withLock { state in
            state.directories.append(directory)
            defer { state.handlerInstalled = true }
            return !state.handlerInstalled
        }
        if installHandler {
            atexit { ClusterRemoval.shared.removeAll() }
        }
    }

    func removeAll() {
        let directories = state.withLock { state in
            defer { state.directories = [] }
            return state.directories
        }
        for directory in directories {
            ThrowawayPostgresCluster.remove(directory, startedByThisProcess: true)
        }
    }
}

extension ThrowawayPostgresCluster {
    /// Removes `/tmp/torv-pgtest-<pid>-*` directories whose process is gone, stopping a server
    /// still running in one, so a killed test run costs neither memory nor disk for long.
    static func removeStaleClusters() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parentDirectory)) ?? []
        for name in names where name.hasPrefix(directoryPrefix) {
            let fields = name.dropFirst(directoryPrefix.count).split(separator: "-")
            guard fields.count == 2, let pid = pid_t(fields[0]) else {
                continue
            }
            // Our own pid cannot own a directory yet: this start is the first. Any other live
            // pid may be a test run in progress.
            if pid != getpid(), isAlive(pid) {
                continue
            }
            remove("\(parentDirectory)/\(name)", startedByThisProcess: false)
        }
    }

    /// Stops the server in `directory` at once (SIGQUIT: no shutdown checkpoint, nothing is kept)
    /// and deletes the directory.
    static func remove(_ directory: String, startedByThisProcess: Bool) {
        let data = directory + "/data"
        let pidFile = data + "/postmaster.pid"
        if let contents = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let line = contents.split(separator: "\n").first, let pid = pid_t(line),
            isPostmaster(pid, of: data) ?? startedByThisProcess
        {
            if kill(pid, SIGQUIT) == 0 {
                // The server deletes postmaster.pid as the last thing it does: measured 20 ms.
                let deadline = ContinuousClock.now + .seconds(5)
                while FileManager.default.fileExists(atPath: pidFile), ContinuousClock.now < deadline {
                    usleep(10_000)
                }
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Alive (or alive and someone else's: EPERM), and not a zombie: where PID 1 does not reap
    /// orphans (some containers), a killed test runner stays a zombie that `kill(pid, 0)` finds.
    private static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else {
            return false
        }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let endOfName = stat.range(of: ") ", options: .backwards)
        else {
            return true
        }
        return stat[endOfName.upperBound...].first != "Z"
    }

    /// Whether `pid` is the server of `data` (its working directory), so that a pid reused by an
    /// unrelated process is never signalled. nil where there is no `/proc` to ask.
    private static func isPostmaster(_ pid: pid_t, of data: String) -> Bool? {
        guard FileManager.default.fileExists(atPath: "/proc/self/cwd") else {
            return nil
        }
        guard let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd") else {
            return false
        }
        return cwd == data
    }
}
