import Flows
import Foundation
import Identity
import Persistence
import TorvAPI
import TorvCore

extension Components.Schemas.StaffUser {
    init(_ user: StaffUser) {
        self.init(
            id: user.id.rawValue, email: user.email, name: user.name, roles: user.roles,
            twoFactorEnabled: user.twoFactorEnabled, active: user.isActive, createdAt: user.createdAt)
    }
}

extension Components.Schemas.Session {
    init(_ session: IssuedSession) {
        self.init(token: session.token, expiresAt: session.expiresAt)
    }
}

extension Components.Schemas.CustomerAccount {
    init(_ account: CustomerAccount) {
        self.init(id: account.id.rawValue, email: account.email, name: account.name, createdAt: account.createdAt)
    }
}

extension Components.Schemas.APIKey {
    init(_ key: APIKey, now: Foundation.Date) {
        self.init(
            id: key.id.rawValue, name: key.name, displayPrefix: key.displayPrefix, scopes: key.scopes.map(\.rawValue),
            createdBy: key.createdBy.rawValue, createdAt: key.createdAt, expiresAt: key.expiresAt,
            revokedAt: key.revokedAt, lastUsedAt: key.lastUsedAt, active: key.isUsable(at: now))
    }
}

extension Components.Schemas.Role {
    init(_ role: Role) {
        self.init(name: role.name, description: role.description, permissions: role.permissions.map(\.rawValue))
    }
}

extension Components.Schemas.AuditEntry {
    init(_ entry: AuditEntry) {
        self.init(
            id: entry.id.rawValue, occurredAt: entry.occurredAt, actorKind: entry.actor.kind, actorId: entry.actor.id,
            action: entry.action, targetType: entry.targetType, targetId: entry.targetID,
            requestId: entry.actor.requestID, detail: .init(additionalProperties: entry.detail))
    }
}
