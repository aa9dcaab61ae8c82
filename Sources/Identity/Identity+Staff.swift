import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Identity {
    public static let ownerRole = "owner"

    /// Creates a staff user with roles, each of which `granter` (the permissions of whoever asks) must
    /// cover. The password is checked and hashed before the transaction.
    public func createStaffUser(
        _ draft: NewStaffUser, by actor: AuditActor, granting granter: PermissionSet, in database: Database
    ) async throws
        -> StaffUser
    {
        let email = Credentials.normalizedEmail(draft.email)
        var validator = Validator()
        Credentials.checkEmail(email, at: "/email", into: &validator)
        Credentials.checkName(draft.name, at: "/name", into: &validator)
        Credentials.checkPassword(draft.password, at: "/password", into: &validator)
        validator.check(!draft.roles.isEmpty, "/roles", "must name at least one role", code: "required")
        try validator.finish()

        let hash = try await passwords.hash(draft.password)
        let now = self.now
        let id = StaffUserID.generate(ids, at: now)
        let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let roles = Array(Set(draft.roles)).sorted()
        return try await database.inTransaction { db in
            try await requireRoles(roles, on: db)
            try await requireGrantable(roles, by: granter, on: db)
            let inserted = try await db.raw(
                """
                INSERT INTO identity_staff_users (id, email, name, password_hash, created_at, password_changed_at)
                VALUES (\(bind: id.rawValue), \(bind: email), \(bind: name), \(bind: hash), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
                ON CONFLICT (email) DO NOTHING RETURNING id
                """
            ).all()
            guard !inserted.isEmpty else { throw IdentityError.emailTaken }
            try await insertRoles(roles, for: id, on: db)
            try await audit.record(
                "staff.created", by: actor, target: ("staff_user", id.rawValue),
                detail: ["email": email, "roles": roles.joined(separator: ",")], on: db)
            return StaffUser(
                id: id, email: email, name: name, roles: roles, twoFactorEnabled: false, disabledAt: nil, createdAt: now
            )
        }
    }

    public func staffUser(_ id: StaffUserID, on db: any SQLDatabase) async throws -> StaffUser {
        guard
            let row = try await db.raw(
                """
                SELECT id, email, name, totp_secret, disabled_at, created_at FROM identity_staff_users
                WHERE id = \(bind: id.rawValue)
                """
            ).first()
        else { throw IdentityError.staffUserNotFound }
        return try staffUser(from: row, roles: try await roleNames(of: id, on: db))
    }

    /// Staff users in creation order, `limit` at a time after the cursor.
    public func staffUsers(after cursor: StaffUserID?, limit: Int, on db: any SQLDatabase) async throws -> [StaffUser] {
        let rows = try await db.raw(
            """
            SELECT id, email, name, totp_secret, disabled_at, created_at FROM identity_staff_users
            WHERE id > \(bind: cursor?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all()
        var users: [StaffUser] = []
        for row in rows {
            let id = try row.id("id", as: StaffUserID.self)
            users.append(try staffUser(from: row, roles: try await roleNames(of: id, on: db)))
        }
        return users
    }

    public func roles(on db: any SQLDatabase) async throws -> [Role] {
        try await db.raw("SELECT name, description, permissions FROM identity_roles ORDER BY name").all().map { row in
            Role(
                name: try row.decode(column: "name", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                permissions: StringList.decode(try row.decode(column: "permissions", as: String.self)).map(
                    Permission.init(rawValue:)))
        }
    }

    /// Replaces a staff user's roles; `granter` (the permissions of whoever asks) must cover every role
    /// given or taken away.
    public func setRoles(
        _ roles: [String], of id: StaffUserID, by actor: AuditActor, granting granter: PermissionSet,
        on db: any SQLDatabase
    )
        async throws -> StaffUser
    {
        let roles = Array(Set(roles)).sorted()
        guard !roles.isEmpty else {
            throw ValidationError([
                FieldError(pointer: "/roles", message: "must name at least one role", code: "required")
            ])
        }
        try await requireRoles(roles, on: db)
        let user = try await staffUser(id, on: db)
        let changed = Set(roles).symmetricDifference(user.roles)
        try await requireGrantable(changed.sorted(), by: granter, on: db)
        if user.roles.contains(Self.ownerRole) && !roles.contains(Self.ownerRole) {
            try await requireAnotherActiveOwner(than: id, on: db)
        }
        try await db.raw("DELETE FROM identity_staff_roles WHERE staff_id = \(bind: id.rawValue)").run()
        try await insertRoles(roles, for: id, on: db)
        try await audit.record(
            "staff.roles_changed", by: actor, target: ("staff_user", id.rawValue),
            detail: ["from": user.roles.joined(separator: ","), "to": roles.joined(separator: ",")], on: db)
        return try await staffUser(id, on: db)
    }

    /// Disables a staff user and ends their sessions; their API keys stop working too. `granter` (the
    /// permissions of whoever asks) must cover every role the user holds: nobody locks out someone
    /// with more power than themselves.
    public func disableStaffUser(
        _ id: StaffUserID, by actor: AuditActor, granting granter: PermissionSet, on db: any SQLDatabase
    ) async throws -> StaffUser {
        let user = try await staffUser(id, on: db)
        guard user.isActive else { return user }
        try await requireGrantable(user.roles, by: granter, on: db)
        if user.roles.contains(Self.ownerRole) { try await requireAnotherActiveOwner(than: id, on: db) }
        try await db.raw(
            "UPDATE identity_staff_users SET disabled_at = \(bind: now.epochMicroseconds) WHERE id = \(bind: id.rawValue)"
        ).run()
        try await revokeSessions(of: .staff, id: id.rawValue, on: db)
        try await audit.record("staff.disabled", by: actor, target: ("staff_user", id.rawValue), on: db)
        return try await staffUser(id, on: db)
    }

    /// Changes a staff user's own password, ends every session and opens a fresh one.
    public func changeStaffPassword(
        _ id: StaffUserID, current: String, new: String, by actor: AuditActor, in database: Database
    ) async throws -> IssuedSession {
        try await changePassword(of: .staff, id: id.rawValue, current: current, new: new, by: actor, in: database)
    }

    // MARK: - Rows and rules

    func staffUser(from row: any SQLRow, roles: [String]) throws -> StaffUser {
        StaffUser(
            id: try row.id("id", as: StaffUserID.self),
            email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            roles: roles,
            twoFactorEnabled: try row.decode(column: "totp_secret", as: String?.self) != nil,
            disabledAt: try row.optionalDate("disabled_at"),
            createdAt: try row.date("created_at"))
    }

    func roleNames(of id: StaffUserID, on db: any SQLDatabase) async throws -> [String] {
        try await db.raw(
            "SELECT role_name FROM identity_staff_roles WHERE staff_id = \(bind: id.rawValue) ORDER BY role_name"
        ).all(decodingColumn: "role_name", as: String.self)
    }

    private func requireRoles(_ roles: [String], on db: any SQLDatabase) async throws {
        guard !roles.isEmpty else { return }
        let known = Set(
            try await db.raw("SELECT name FROM identity_roles WHERE name IN (\(binds: roles))")
                .all(decodingColumn: "name", as: String.self))
        let unknown = roles.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw IdentityError.unknownRoles(unknown) }
    }

    private func requireGrantable(_ roles: [String], by granter: PermissionSet, on db: any SQLDatabase) async throws {
        guard !roles.isEmpty, granter != .all else { return }
        let beyond = try await self.roles(on: db).filter { role in
            roles.contains(role.name) && !granter.covers(PermissionSet(role.permissions))
        }
        guard beyond.isEmpty else { throw IdentityError.rolesBeyondYourPermissions(beyond.map(\.name).sorted()) }
    }

    private func insertRoles(_ roles: [String], for id: StaffUserID, on db: any SQLDatabase) async throws {
        for role in roles {
            try await db.raw(
                "INSERT INTO identity_staff_roles (staff_id, role_name) VALUES (\(bind: id.rawValue), \(bind: role))"
            ).run()
        }
    }

    /// Refuses to leave the shop without an active owner. On PostgreSQL the owner role's row is
    /// locked first, so two administrators demoting the last two owners at once cannot both pass.
    private func requireAnotherActiveOwner(than id: StaffUserID, on db: any SQLDatabase) async throws {
        if db.backend == .postgres {
            try await db.raw("SELECT name FROM identity_roles WHERE name = \(bind: Self.ownerRole) FOR UPDATE").run()
        }
        let others =
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM identity_staff_roles sr JOIN identity_staff_users u ON u.id = sr.staff_id
                WHERE sr.role_name = \(bind: Self.ownerRole) AND u.disabled_at IS NULL AND u.id <> \(bind: id.rawValue)
                """
            ).first(decodingColumn: "n", as: Int.self) ?? 0
        guard others > 0 else { throw IdentityError.lastOwner }
    }
}

extension Identity {
    /// A staff user by sign-in address, for command-line tools.
    public func staffUser(email: String, on db: any SQLDatabase) async throws -> StaffUser {
        guard
            let id = try await db.raw(
                "SELECT id FROM identity_staff_users WHERE email = \(bind: Credentials.normalizedEmail(email))"
            ).first(decodingColumn: "id", as: String.self).flatMap(StaffUserID.init)
        else { throw IdentityError.staffUserNotFound }
        return try await staffUser(id, on: db)
    }

    /// The principal a staff user is when acting through a tool rather than a session.
    public func staffPrincipal(_ id: StaffUserID, on db: any SQLDatabase) async throws -> Principal {
        guard let permissions = try await activeStaffPermissions(id, on: db) else {
            throw IdentityError.staffUserNotFound
        }
        return Principal(kind: .staff, id: id.rawValue, permissions: permissions)
    }
}
