import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL cluster that lives exactly as long as the test process.
///
/// `initdb` into `/tmp/torv-pgtest-<pid>-<random>`, trust authentication for user `postgres`,
/// listening on 127.0.0.1 only, on a port that was free a moment before, with its unix socket in
/// the same directory. Durability is switched off: nothing in it must survive a crash. The server
/// is stopped and the directory removed when the process exits; a directory left by a process
/// that was killed is removed, with its server, by the next start (see `+Cleanup`).
///
/// The server is started as `postgres`, our child, not through `pg_ctl start`: Foundation's
/// `Process` on Linux sees a child end when a socket it hands the child is closed, and the server
/// that `pg_ctl` forks keeps that socket, so waiting for `pg_ctl` hangs until the server stops
/// (seen with Swift 6.3.1).
struct ThrowawayPostgresCluster: Sendable {
    let server: PostgresServer
    let directory: String
    let binaries: PostgresBinaries

    /// Under `/tmp`, not `$TMPDIR`: a unix socket path must fit in about 100 bytes (macOS's
    /// `$TMPDIR` is long), and the `postgres` user must be able to reach it when we are root.
    static let parentDirectory = "/tmp"
    static let directoryPrefix = "torv-pgtest-"

    static let settings = [
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 300",
        "log_checkpoints = off",
    ]

    static func start() async throws -> ThrowawayPostgresCluster {
        guard let binaries = PostgresBinaries.locate() else {
            throw PostgresUnavailable(
                reason: "no PostgreSQL server binaries (initdb, postgres) in PATH or /usr/lib/postgresql/*/bin, "
                    + "and TORV_TEST_POSTGRES_URL is not set (Debian: apt-get install postgresql)"
            )
        }
        let owner = try await ClusterOwner.forCurrentProcess()
        removeStaleClusters()

        let directory = try makeDirectory(owner: owner)
        // Registered before anything can fail, so that a half-made cluster is removed at exit too.
        ClusterRemoval.shared.register(directory)
        let data = directory + "/data"

        let initdbLog = directory + "/initdb.log"
        let initdb = try await Command(
            binaries.initdb,
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]
        ).run(as: owner, in: directory, output: initdbLog, timeout: .seconds(120))
        guard initdb.succeeded else {
            throw PostgresUnavailable(
                reason: "initdb (\(binaries.initdb)) failed, \(initdb):\n\(Command.tail(of: initdbLog))"
            )
        }
        try appendSettings(to: data + "/postgresql.conf", socketDirectory: directory)

        // The port is free when we ask but may be taken before the server binds it: try again then.
        for attempt in 1...3 {
            let port = try freeLoopbackPort()
            let serverLog = directory + "/postgres-\(attempt).log"
            let server = try Command(binaries.postgres, ["-D", data, "-p", "\(port)"])
                .launch(as: owner, in: directory, output: serverLog)
            switch await readiness(of: server, data: data, timeout: .seconds(60)) {
            case .ready:
                let server = PostgresServer(
                    host: "127.0.0.1",
                    port: port,
                    username: "postgres",
                    password: nil,
                    adminDatabase: "postgres"
                )
                return ThrowawayPostgresCluster(server: server, directory: directory, binaries: binaries)
            case .exited(let status):
                let log = Command.tail(of: serverLog)
                if attempt < 3, log.contains("already in use") {
                    continue
                }
                throw PostgresUnavailable(
                    reason: "PostgreSQL (\(binaries.postgres)) exited with status \(status) while starting:\n\(log)"
                )
            case .timedOut:
                throw PostgresUnavailable(
                    reason: "PostgreSQL (\(binaries.postgres)) did not become ready within 60 s:\n"
                        + Command.tail(of: serverLog)
                )
            }
        }
        throw PostgresUnavailable(reason: "no free port for PostgreSQL after 3 attempts")
    }

    private enum Readiness {
        case ready
        case exited(Int32)
        case timedOut
    }

    /// Waits until the server accepts connections, as `pg_ctl -w` does: line 8 of
    /// `postmaster.pid` says `ready` (PostgreSQL 10 and later).
    private static func readiness(of server: Process, data: String, timeout: Duration) async -> Readiness {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !server.isRunning {
                return .exited(server.terminationStatus)
            }
            if let contents = try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8) {
                let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
                if lines.count > 7, lines[7].trimmingCharacters(in: .whitespaces) == "ready" {
                    return .ready
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return .timedOut
    }

    private static func makeDirectory(owner: ClusterOwner?) throws -> String {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let directory = "\(parentDirectory)/\(directoryPrefix)\(getpid())-\(suffix)"
        do {
            try FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw PostgresUnavailable(reason: "cannot create \(directory): \(error)")
        }
        if let owner, chown(directory, owner.uid, owner.gid) != 0 {
            throw PostgresUnavailable(
                reason: "cannot give \(directory) to user '\(owner.name)': \(String(cString: strerror(errno)))"
            )
        }
        return directory
    }

    private static func appendSettings(to configuration: String, socketDirectory: String) throws {
        let lines =
            ["", "# Torv test support: a throwaway cluster, nothing to keep", "listen_addresses = '127.0.0.1'"]
            + ["unix_socket_directories = '\(socketDirectory)'"] + settings
        guard let file = FileHandle(forWritingAtPath: configuration) else {
            throw PostgresUnavailable(reason: "cannot append to \(configuration)")
        }
        defer { try? file.close() }
        file.seekToEndOfFile()
        file.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now (bind to port 0, read, close).
    private static func freeLoopbackPort() throws -> Int {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else {
            throw PostgresUnavailable(reason: "socket(): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else {
            throw PostgresUnavailable(
                reason: "cannot find a free port on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
