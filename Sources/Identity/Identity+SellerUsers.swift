import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Identity {
    /// Checks a new seller user's details and hashes the password, before any transaction opens.
    /// Pointers are relative to `prefix` (e.g. `/owner` when an application names its owner).
    public func prepareSellerUser(
        email: String, password: String, name: String, role: SellerRole, at prefix: String = ""
    ) async throws -> SellerUserDraft {
        let email = Credentials.normalizedEmail(email)
        var validator = Validator()
        Credentials.checkEmail(email, at: prefix + "/email", into: &validator)
        Credentials.checkName(name, at: prefix + "/name", into: &validator)
        Credentials.checkPassword(password, at: prefix + "/password", into: &validator)
        try validator.finish()
        return SellerUserDraft(
            email: email, name: name.trimmingCharacters(in: .whitespacesAndNewlines),
            passwordHash: try await passwords.hash(password), role: role)
    }

    /// Adds a user to a seller, inside the caller's transaction. `email_taken` when any seller user has
    /// the address already: one sign-in belongs to one seller.
    public func insertSellerUser(
        _ draft: SellerUserDraft, sellerID: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerUser {
        let now = self.now
        let id = SellerUserID.generate(ids, at: now)
        let inserted = try await db.raw(
            """
            INSERT INTO identity_seller_users (id, seller_id, email, name, password_hash, role, created_at, password_changed_at)
            VALUES (\(bind: id.rawValue), \(bind: sellerID), \(bind: draft.email), \(bind: draft.name),
                    \(bind: draft.passwordHash), \(bind: draft.role.rawValue), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            ON CONFLICT (email) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw IdentityError.emailTaken }
        try await audit.record("seller_user.created", by: actor, target: ("seller_user", id.rawValue), on: db)
        return SellerUser(
            id: id, sellerID: sellerID, email: draft.email, name: draft.name, role: draft.role, disabled: false,
            createdAt: now)
    }

    /// Signs a seller user in. Unknown e-mail, wrong password and disabled user fail alike, after the same
    /// bcrypt work. Whether the seller may still trade is the marketplace's question, not this one.
    public func loginSellerUser(
        email: String, password: String, in database: Database
    ) async throws -> (
        IssuedSession, SellerUser
    ) {
        let email = Credentials.normalizedEmail(email)
        try await requireSignInAllowed(.sellerUser, email: email, in: database)
        let row = try await database.read { db in
            try await db.raw("SELECT * FROM identity_seller_users WHERE email = \(bind: email)").first()
        }
        let stored = try row?.decode(column: "password_hash", as: String.self)
        let matches = try await passwords.verify(password, stored ?? passwords.decoyHash)
        let user = try row.map(sellerUser(from:))
        guard matches, let user, !user.disabled else {
            try await recordSignInFailure(.sellerUser, email: email, in: database)
            throw IdentityError.invalidCredentials
        }
        let lifetime = staffSessionLifetime
        let session = try await database.inTransaction { db in
            try await clearSignInFailures(.sellerUser, email: email, on: db)
            let session = try await issueSession(for: .sellerUser, id: user.id.rawValue, lifetime: lifetime, on: db)
            try await audit.record(
                "seller_user.signed_in", by: AuditActor(kind: "seller_user", id: user.id.rawValue),
                target: ("seller_user", user.id.rawValue), on: db)
            return session
        }
        return (session, user)
    }

    /// A seller's users. Scoped by seller: another seller's user IDs are simply not there.
    public func sellerUsers(of sellerID: String, on db: any SQLDatabase) async throws -> [SellerUser] {
        try await db.raw(
            "SELECT * FROM identity_seller_users WHERE seller_id = \(bind: sellerID) ORDER BY id"
        ).all().map(sellerUser(from:))
    }

    /// Enables or disables one of a seller's users; disabling ends their sessions. The last active owner
    /// stays (`last_owner`): nobody could manage the seller's users otherwise.
    public func setSellerUserDisabled(
        _ id: SellerUserID, of sellerID: String, disabled: Bool, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerUser {
        guard
            let row = try await db.raw(
                """
                SELECT * FROM identity_seller_users WHERE id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID)
                """
            ).first()
        else { throw IdentityError.sellerUserNotFound }
        let user = try sellerUser(from: row)
        if disabled && user.role == .owner && !user.disabled {
            let owners =
                try await db.raw(
                    """
                    SELECT count(*) AS n FROM identity_seller_users
                    WHERE seller_id = \(bind: sellerID) AND role = 'owner' AND disabled_at IS NULL
                    """
                ).first(decodingColumn: "n", as: Int.self) ?? 0
            guard owners > 1 else { throw IdentityError.lastOwner }
        }
        try await db.raw(
            """
            UPDATE identity_seller_users SET disabled_at = \(bind: disabled ? now.epochMicroseconds : nil)
            WHERE id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID)
            """
        ).run()
        if disabled { try await revokeSessions(of: .sellerUser, id: id.rawValue, on: db) }
        try await audit.record(
            disabled ? "seller_user.disabled" : "seller_user.enabled", by: actor,
            target: ("seller_user", id.rawValue), on: db)
        return SellerUser(
            id: user.id, sellerID: user.sellerID, email: user.email, name: user.name, role: user.role,
            disabled: disabled, createdAt: user.createdAt)
    }

    /// Ends every session of a seller's users: a closed seller's people are signed out at once.
    public func endSellerSessions(of sellerID: String, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE identity_sessions SET revoked_at = \(bind: now.epochMicroseconds)
            WHERE principal_kind = 'seller_user' AND revoked_at IS NULL
              AND principal_id IN (SELECT id FROM identity_seller_users WHERE seller_id = \(bind: sellerID))
            """
        ).run()
    }

    func activeSellerUser(_ id: SellerUserID, on db: any SQLDatabase) async throws -> SellerUser? {
        guard
            let row = try await db.raw("SELECT * FROM identity_seller_users WHERE id = \(bind: id.rawValue)").first()
        else { return nil }
        let user = try sellerUser(from: row)
        return user.disabled ? nil : user
    }

    private func sellerUser(from row: any SQLRow) throws -> SellerUser {
        SellerUser(
            id: try row.id("id", as: SellerUserID.self),
            sellerID: try row.decode(column: "seller_id", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            role: SellerRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .fulfilment,
            disabled: try row.optionalDate("disabled_at") != nil,
            createdAt: try row.date("created_at"))
    }
}
