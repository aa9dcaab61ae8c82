import Foundation
public import Persistence
import SQLKit
public import TorvCore

extension Identity {
    /// Refuses a sign-in while the address is paused, before any password work is done.
    func requireSignInAllowed(_ kind: Principal.Kind, email: String, in database: Database) async throws {
        let record = try await database.read { db in try await signInRecord(kind, email: email, on: db) }
        if let seconds = signInThrottle.wait(record, at: now) { throw IdentityError.signInPaused(retryAfter: seconds) }
    }

    /// Counts a wrong password for the address. The row is created first and then locked, so failures
    /// arriving at once on several instances are all counted.
    func recordSignInFailure(_ kind: Principal.Kind, email: String, in database: Database) async throws {
        let (now, throttle) = (self.now, signInThrottle)
        try await database.inTransaction { db in
            try await db.raw(
                """
                INSERT INTO identity_sign_in_failures (principal_kind, email, failures, since, paused_until)
                VALUES (\(bind: kind.rawValue), \(bind: email), 0, \(bind: now.epochMicroseconds), NULL)
                ON CONFLICT (principal_kind, email) DO NOTHING
                """
            ).run()
            let current = try await signInRecord(kind, email: email, on: db, locking: true)
            let next = throttle.failing(current, at: now)
            try await db.raw(
                """
                UPDATE identity_sign_in_failures SET failures = \(bind: next.failures),
                    since = \(bind: next.since.epochMicroseconds), paused_until = \(bind: next.pausedUntil?.epochMicroseconds)
                WHERE principal_kind = \(bind: kind.rawValue) AND email = \(bind: email)
                """
            ).run()
        }
    }

    /// A successful sign-in wipes the count.
    func clearSignInFailures(_ kind: Principal.Kind, email: String, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            DELETE FROM identity_sign_in_failures
            WHERE principal_kind = \(bind: kind.rawValue) AND email = \(bind: email)
            """
        ).run()
    }

    private func signInRecord(
        _ kind: Principal.Kind, email: String, on db: any SQLDatabase, locking: Bool = false
    ) async throws -> SignInThrottle.Record? {
        let lock = locking && db.backend == .postgres ? SQLRaw(" FOR UPDATE") : SQLRaw("")
        guard
            let row = try await db.raw(
                """
                SELECT failures, since, paused_until FROM identity_sign_in_failures
                WHERE principal_kind = \(bind: kind.rawValue) AND email = \(bind: email)\(lock)
                """
            ).first()
        else { return nil }
        return SignInThrottle.Record(
            failures: try row.int("failures"), since: try row.date("since"),
            pausedUntil: try row.optionalDate("paused_until"))
    }
}
