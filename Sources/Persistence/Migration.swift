import Crypto
import Foundation

/// One append-only schema step of one module, e.g. `identity.0003_add_api_keys`.
///
/// Statements are given per backend where the dialects differ (types, triggers); a migration is
/// never edited once released — the migrator refuses a recorded migration whose SQL changed.
public struct Migration: Sendable, Hashable {
    public let id: String
    public let sqlite: [String]
    public let postgres: [String]

    /// A migration whose SQL is the same on both backends.
    public init(_ id: String, _ statements: [String]) {
        self.init(id, sqlite: statements, postgres: statements)
    }

    public init(_ id: String, sqlite: [String], postgres: [String]) {
        self.id = id
        self.sqlite = sqlite
        self.postgres = postgres
    }

    public func statements(for backend: Backend) -> [String] {
        backend == .sqlite ? sqlite : postgres
    }

    /// A fingerprint of the SQL for `backend`, recorded when applied.
    func checksum(for backend: Backend) -> String {
        let text = statements(for: backend).joined(separator: "\n;\n")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
