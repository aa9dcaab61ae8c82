import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Identity {
    /// Starts a session and returns its token (shown once; only the digest is stored).
    func issueSession(
        for kind: Principal.Kind, id principalID: String, stage: String = "active", lifetime: TimeInterval,
        on db: any SQLDatabase
    ) async throws -> IssuedSession {
        let now = self.now
        let sessionID = SessionID.generate(ids, at: now)
        let prefix: TokenKind =
            switch (stage, kind) {
            case ("second_factor", _): .secondFactorChallenge
            case (_, .staff): .staffSession
            case (_, .sellerUser): .sellerSession
            default: .customerSession
            }
        let token = prefix.rawValue + SecretToken.random()
        let expiresAt = now.addingTimeInterval(lifetime)
        try await db.raw(
            """
            INSERT INTO identity_sessions (id, token_digest, principal_kind, principal_id, stage, created_at, expires_at)
            VALUES (\(bind: sessionID.rawValue), \(bind: SecretToken.digest(token)), \(bind: kind.rawValue),
                    \(bind: principalID), \(bind: stage), \(bind: now.epochMicroseconds), \(bind: expiresAt.epochMicroseconds))
            """
        ).run()
        return IssuedSession(id: sessionID, token: token, expiresAt: expiresAt)
    }

    /// Ends every session of a principal (password change, account disabled).
    func revokeSessions(of kind: Principal.Kind, id principalID: String, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE identity_sessions SET revoked_at = \(bind: now.epochMicroseconds)
            WHERE principal_kind = \(bind: kind.rawValue) AND principal_id = \(bind: principalID) AND revoked_at IS NULL
            """
        ).run()
    }

    /// Ends one session (logout).
    public func endSession(_ id: SessionID, on db: any SQLDatabase) async throws {
        try await db.raw(
            "UPDATE identity_sessions SET revoked_at = \(bind: now.epochMicroseconds) WHERE id = \(bind: id.rawValue) AND revoked_at IS NULL"
        ).run()
    }

    /// Resolves a bearer token to the principal it stands for, or throws `unauthenticated`.
    /// Every failure looks the same to the caller: malformed, unknown, expired or revoked.
    public func authenticate(bearer token: String, in database: Database) async throws -> Principal {
        switch TokenKind.of(token) {
        case .staffSession, .customerSession, .sellerSession:
            return try await database.read { db in try await sessionPrincipal(token, on: db) }
        case .apiKey:
            return try await apiKeyPrincipal(token, in: database)
        case .secondFactorChallenge, nil:
            throw IdentityError.unauthenticated
        }
    }

    private func sessionPrincipal(_ token: String, on db: any SQLDatabase) async throws -> Principal {
        guard
            let row = try await db.raw(
                """
                SELECT id, principal_kind, principal_id, stage, expires_at, revoked_at FROM identity_sessions
                WHERE token_digest = \(bind: SecretToken.digest(token))
                """
            ).first(),
            try row.decode(column: "stage", as: String.self) == "active",
            try row.optionalDate("revoked_at") == nil,
            try row.date("expires_at") > now,
            let kind = Principal.Kind(rawValue: try row.decode(column: "principal_kind", as: String.self))
        else { throw IdentityError.unauthenticated }
        let sessionID = try row.id("id", as: SessionID.self)
        let principalID = try row.decode(column: "principal_id", as: String.self)
        switch kind {
        case .staff:
            guard let staffID = StaffUserID(principalID),
                let permissions = try await activeStaffPermissions(staffID, on: db)
            else { throw IdentityError.unauthenticated }
            return Principal(kind: .staff, id: principalID, permissions: permissions, sessionID: sessionID)
        case .customer:
            return Principal(kind: .customer, id: principalID, permissions: .none, sessionID: sessionID)
        case .sellerUser:
            guard let userID = SellerUserID(principalID), let user = try await activeSellerUser(userID, on: db)
            else { throw IdentityError.unauthenticated }
            return Principal(
                kind: .sellerUser, id: principalID, permissions: user.role.permissions, sessionID: sessionID,
                sellerID: user.sellerID)
        case .apiKey:
            throw IdentityError.unauthenticated
        }
    }

    /// The union of a staff user's role permissions, or nil when the user is disabled or gone.
    func activeStaffPermissions(_ id: StaffUserID, on db: any SQLDatabase) async throws -> PermissionSet? {
        let rows = try await db.raw(
            """
            SELECT u.disabled_at, r.permissions FROM identity_staff_users u
            LEFT JOIN identity_staff_roles sr ON sr.staff_id = u.id
            LEFT JOIN identity_roles r ON r.name = sr.role_name
            WHERE u.id = \(bind: id.rawValue)
            """
        ).all()
        guard let first = rows.first, try first.optionalDate("disabled_at") == nil else { return nil }
        var grants: [Permission] = []
        for row in rows {
            if let list = try row.decode(column: "permissions", as: String?.self) {
                grants += StringList.decode(list).map(Permission.init(rawValue:))
            }
        }
        return PermissionSet(grants)
    }
}
