import Flows
import Foundation
import Identity
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listAPIKeys(_ input: Operations.ListAPIKeys.Input) async throws -> Operations.ListAPIKeys.Output {
        let identity = platform.identity
        let keys = try await platform.database.read { db in try await identity.apiKeys(on: db) }
        let now = platform.clock.now()
        return .ok(.init(body: .json(.init(items: keys.map { Components.Schemas.APIKey($0, now: now) }))))
    }

    func createAPIKey(_ input: Operations.CreateAPIKey.Input) async throws -> Operations.CreateAPIKey.Output {
        guard case .json(let body) = input.body else { throw IdentityError.apiKeyNotFound }
        let principal = try Caller.current()
        let identity = platform.identity
        let requestID = RequestInfo.requestID
        let issued = try await platform.database.inTransaction { db in
            try await identity.createAPIKey(
                name: body.name, scopes: body.scopes, expiresAt: body.expiresAt, by: principal, requestID: requestID,
                on: db)
        }
        return .created(
            .init(body: .json(.init(apiKey: .init(issued.key, now: platform.clock.now()), token: issued.token))))
    }

    func revokeAPIKey(_ input: Operations.RevokeAPIKey.Input) async throws -> Operations.RevokeAPIKey.Output {
        let id = try pathID(input.path.keyId, as: APIKeyID.self, notFound: IdentityError.apiKeyNotFound)
        let identity = platform.identity
        let actor = try actor()
        let key = try await platform.database.inTransaction { db in
            try await identity.revokeAPIKey(id, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(key, now: platform.clock.now()))))
    }

    func listAuditLog(_ input: Operations.ListAuditLog.Input) async throws -> Operations.ListAuditLog.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.before, as: AuditEntryID.self, name: "before")
        let audit = platform.audit
        let actorID = input.query.actor
        let entries = try await platform.database.read { db in
            try await audit.list(before: cursor, limit: limit + 1, actorID: actorID, on: db)
        }
        let page = Paging.page(entries, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(body: .json(.init(items: page.items.map(Components.Schemas.AuditEntry.init), next: page.next))))
    }
}
