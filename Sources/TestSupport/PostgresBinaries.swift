import Foundation

/// A directory holding PostgreSQL's server programs `initdb` and `postgres`.
struct PostgresBinaries: Sendable {
    let directory: String

    var initdb: String { directory + "/initdb" }
    var postgres: String { directory + "/postgres" }

    /// The first directory in `PATH` with both programs, else the highest version under
    /// `/usr/lib/postgresql/*/bin`, where Debian and Ubuntu install them without putting them in `PATH`.
    static func locate(
        path: String? = ProcessInfo.processInfo.environment["PATH"],
        versionedRoot: String = "/usr/lib/postgresql"
    ) -> PostgresBinaries? {
        let fromPath = (path ?? "").split(separator: ":").map(String.init)
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: versionedRoot)) ?? [])
            .compactMap { name -> (version: [Int], directory: String)? in
                let parts = name.split(separator: ".").map { Int($0) }
                guard !parts.isEmpty, !parts.contains(nil) else { return nil }
                return (parts.compactMap { $0 }, "\(versionedRoot)/\(name)/bin")
            }
            .sorted { $0.version.lexicographicallyPrecedes($1.version) }
            .reversed()
            .map(\.directory)
        for directory in fromPath + versions {
            let candidate = PostgresBinaries(directory: directory)
            if candidate.isComplete {
                return candidate
            }
        }
        return nil
    }

    private var isComplete: Bool {
        ["initdb", "postgres"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: directory + "/" + $0)
        }
    }
}
