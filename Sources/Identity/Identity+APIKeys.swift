public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Identity {
    /// Creates an API key for a staff user. The token is returned once and never again.
    public func createAPIKey(
        name: String, scopes: [String], expiresAt: Date?, by principal: Principal, requestID: String?,
        on db: any SQLDatabase
    ) async throws -> IssuedAPIKey {
        guard principal.kind == .staff, let creator = principal.staffUserID else {
            throw IdentityError.forbidden(.apiKeysManage)
        }
        var validator = Validator()
        Credentials.checkName(name, at: "/name", into: &validator)
        validator.check(!scopes.isEmpty, "/scopes", "must name at least one permission", code: "required")
        validator.check(
            expiresAt.map { $0 > self.now } ?? true, "/expires_at", "must be in the future", code: "in_the_past")
        try validator.finish()
        let malformed = scopes.filter { !Permission($0).isWellFormed }
        guard malformed.isEmpty else { throw IdentityError.malformedPermissions(malformed) }
        let requested = PermissionSet(scopes.map(Permission.init(rawValue:)))
        let excess = requested.grants.filter { !principal.permissions.covers(PermissionSet([$0])) }
        guard excess.isEmpty else { throw IdentityError.scopeExceedsPermissions(excess.sorted()) }

        let now = self.now
        let id = APIKeyID.generate(ids, at: now)
        let token =
            TokenKind.apiKey.rawValue + id.rawValue.dropFirst(APIKeyPrefix.prefix.count + 1) + "_"
            + SecretToken.random()
        let key = APIKey(
            id: id, name: name.trimmingCharacters(in: .whitespacesAndNewlines), displayPrefix: String(token.prefix(16)),
            scopes: requested.grants.sorted(), createdBy: creator, createdAt: now, expiresAt: expiresAt,
            revokedAt: nil, lastUsedAt: nil)
        try await db.raw(
            """
            INSERT INTO identity_api_keys (id, name, display_prefix, secret_digest, scopes, created_by, created_at, expires_at)
            VALUES (\(bind: id.rawValue), \(bind: key.name), \(bind: key.displayPrefix), \(bind: SecretToken.digest(token)),
                    \(bind: StringList.encode(key.scopes.map(\.rawValue))), \(bind: creator.rawValue),
                    \(bind: now.epochMicroseconds), \(bind: expiresAt?.epochMicroseconds))
            """
        ).run()
        try await audit.record(
            "api_key.created", by: AuditActor(kind: "staff", id: creator.rawValue, requestID: requestID),
            target: ("api_key", id.rawValue),
            detail: ["name": key.name, "scopes": scopes.sorted().joined(separator: ",")],
            on: db)
        return IssuedAPIKey(key: key, token: token)
    }

    public func apiKeys(on db: any SQLDatabase) async throws -> [APIKey] {
        try await db.raw(
            """
            SELECT id, name, display_prefix, scopes, created_by, created_at, expires_at, revoked_at, last_used_at
            FROM identity_api_keys ORDER BY id
            """
        ).all().map(apiKey(from:))
    }

    /// Revokes a key at once; requests with it fail from the next one on.
    public func revokeAPIKey(_ id: APIKeyID, by actor: AuditActor, on db: any SQLDatabase) async throws -> APIKey {
        let rows = try await db.raw(
            """
            UPDATE identity_api_keys SET revoked_at = COALESCE(revoked_at, \(bind: now.epochMicroseconds))
            WHERE id = \(bind: id.rawValue)
            RETURNING id, name, display_prefix, scopes, created_by, created_at, expires_at, revoked_at, last_used_at
            """
        ).all()
        guard let row = rows.first else { throw IdentityError.apiKeyNotFound }
        try await audit.record("api_key.revoked", by: actor, target: ("api_key", id.rawValue), on: db)
        return try apiKey(from: row)
    }

    /// Checks an API key token: its secret, its expiry and revocation, and its creator, whose current
    /// permissions bound the key's scopes.
    func apiKeyPrincipal(_ token: String, in database: Database) async throws -> Principal {
        let body = token.dropFirst(TokenKind.apiKey.rawValue.count)
        guard let separator = body.firstIndex(of: "_"),
            let id = APIKeyID("\(APIKeyPrefix.prefix)_\(body[..<separator])")
        else { throw IdentityError.unauthenticated }
        let now = self.now
        let (key, digest, permissions) = try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT id, name, display_prefix, secret_digest, scopes, created_by, created_at, expires_at,
                           revoked_at, last_used_at
                    FROM identity_api_keys WHERE id = \(bind: id.rawValue)
                    """
                ).first()
            else { throw IdentityError.unauthenticated }
            let key = try apiKey(from: row)
            let creatorPermissions = try await activeStaffPermissions(key.createdBy, on: db)
            return (key, try row.decode(column: "secret_digest", as: String.self), creatorPermissions)
        }
        guard SecretToken.equal(digest, SecretToken.digest(token)), key.isUsable(at: now), let permissions else {
            throw IdentityError.unauthenticated
        }
        let effective = key.scopes.filter { permissions.covers(PermissionSet([$0])) }
        if key.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            // At most once a minute per key: a write on every request would serialise SQLite.
            try? await database.inTransaction { db in
                try await db.raw(
                    "UPDATE identity_api_keys SET last_used_at = \(bind: now.epochMicroseconds) WHERE id = \(bind: id.rawValue)"
                ).run()
            }
        }
        return Principal(kind: .apiKey, id: id.rawValue, permissions: PermissionSet(effective))
    }

    private func apiKey(from row: any SQLRow) throws -> APIKey {
        APIKey(
            id: try row.id("id", as: APIKeyID.self),
            name: try row.decode(column: "name", as: String.self),
            displayPrefix: try row.decode(column: "display_prefix", as: String.self),
            scopes: StringList.decode(try row.decode(column: "scopes", as: String.self)).map(
                Permission.init(rawValue:)),
            createdBy: try row.id("created_by", as: StaffUserID.self),
            createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"),
            revokedAt: try row.optionalDate("revoked_at"),
            lastUsedAt: try row.optionalDate("last_used_at"))
    }
}
