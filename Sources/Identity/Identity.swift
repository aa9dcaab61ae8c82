public import Foundation
public import Persistence
import SQLKit
public import TorvCore

/// Who may do what: staff users with roles, API keys, customer accounts, sessions, two-factor login.
///
/// Invariants: secrets (passwords, tokens, key secrets) are stored only as digests; a session dies at
/// logout, at password change and at expiry; an API key never holds more than its creator; every staff
/// mutation writes an audit entry in its own transaction.
///
/// Operations that check a password take the `Database` rather than a session: bcrypt takes a quarter
/// of a second by design and must not run while a transaction holds SQLite's single writer.
public struct Identity: Sendable {
    public let passwords: PasswordHasher
    let clock: WallClock
    let ids: UUIDGenerator
    let audit: AuditLog
    let outbox: Outbox
    public var issuer: String
    public var staffSessionLifetime: TimeInterval = 12 * 3600
    public var customerSessionLifetime: TimeInterval = 30 * 24 * 3600
    public var secondFactorWindow: TimeInterval = 300
    /// How many wrong passwords an address may have before its sign-in pauses.
    public var signInThrottle = SignInThrottle()

    public init(
        passwords: PasswordHasher, outbox: Outbox, audit: AuditLog, clock: WallClock = .system,
        ids: UUIDGenerator = .v7, issuer: String = "Torv"
    ) {
        self.passwords = passwords
        self.outbox = outbox
        self.audit = audit
        self.clock = clock
        self.ids = ids
        self.issuer = issuer
    }

    var now: Date { clock.now() }
}

/// JSON arrays of strings in TEXT columns (roles' permissions, keys' scopes).
enum StringList {
    static func encode(_ values: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(values.sorted()), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
