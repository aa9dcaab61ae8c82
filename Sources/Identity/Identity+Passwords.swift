import Foundation
import Persistence
import SQLKit
import TorvCore

extension Identity {
    /// The one password-change path for staff and customers: check the current password and hash
    /// the new one outside the transaction (bcrypt must not hold SQLite's writer), then in one
    /// transaction store it, end every session of the principal and issue a fresh one.
    func changePassword(
        of kind: Principal.Kind, id: String, current: String, new: String, by actor: AuditActor,
        in database: Database
    ) async throws -> IssuedSession {
        var validator = Validator()
        Credentials.checkPassword(new, at: "/new_password", into: &validator)
        try validator.finish()
        let table = kind == .staff ? "identity_staff_users" : "identity_customers"
        let stored = try await database.read { db in
            try await db.raw("SELECT password_hash FROM \(ident: table) WHERE id = \(bind: id)")
                .first(decodingColumn: "password_hash", as: String.self)
        }
        guard let stored, try await passwords.verify(current, stored) else { throw IdentityError.invalidCredentials }
        let hash = try await passwords.hash(new)
        let lifetime = kind == .staff ? staffSessionLifetime : customerSessionLifetime
        let now = self.now
        return try await database.inTransaction { db in
            try await db.raw(
                """
                UPDATE \(ident: table) SET password_hash = \(bind: hash), password_changed_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id)
                """
            ).run()
            try await revokeSessions(of: kind, id: id, on: db)
            if kind == .staff {
                try await audit.record("staff.password_changed", by: actor, target: ("staff_user", id), on: db)
            }
            return try await issueSession(for: kind, id: id, lifetime: lifetime, on: db)
        }
    }
}
