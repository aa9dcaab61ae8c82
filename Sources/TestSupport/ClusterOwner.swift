import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The unprivileged system user a throwaway cluster runs as when the tests run as root.
///
/// `initdb` and `postgres` refuse to run as root, and CI runs as root. Debian's
/// `postgresql` package creates the `postgres` user; without it we create `torvtest`.
struct ClusterOwner: Sendable {
    let name: String
    let uid: uid_t
    let gid: gid_t

    static let fallbackName = "torvtest"

    /// nil when the process is not root: then the cluster simply runs as the current user.
    static func forCurrentProcess() async throws -> ClusterOwner? {
        guard geteuid() == 0 else {
            return nil
        }
        if let postgres = named("postgres") {
            return postgres
        }
        if let existing = named(fallbackName) {
            return existing
        }
        guard let useradd = Command.find("useradd") else {
            throw PostgresUnavailable(
                reason: "running as root, with no 'postgres' user to run PostgreSQL as and no useradd to create "
                    + "'\(fallbackName)'"
            )
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("torv-useradd-\(getpid()).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let outcome = try await Command(
            useradd,
            [
                "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", fallbackName,
            ]
        ).run(in: "/", output: log, timeout: .seconds(30))
        // Another test process may have created the user at the same moment: look it up either way.
        if let created = named(fallbackName) {
            return created
        }
        throw PostgresUnavailable(
            reason: "running as root, and `useradd \(fallbackName)` failed (\(outcome)): \(Command.tail(of: log))"
        )
    }

    static func named(_ name: String) -> ClusterOwner? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else {
            return nil
        }
        return ClusterOwner(name: name, uid: entry.pw_uid, gid: entry.pw_gid)
    }
}
