import Flows
import Foundation
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("API keys")
struct APIKeyTests {
    static func principal(_ user: StaffUser, _ platform: Platform) async throws -> Principal {
        try await platform.database.read { db in try await platform.identity.staffPrincipal(user.id, on: db) }
    }

    @Test("a key authenticates with its scopes until it is revoked", arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            let creator = try await Self.principal(owner, platform)
            let issued = try await env.database.inTransaction { db in
                try await platform.identity.createAPIKey(
                    name: "ERP sync", scopes: ["identity.staff.read"], expiresAt: nil, by: creator, requestID: nil,
                    on: db)
            }
            #expect(issued.token.hasPrefix("torv_sk_"))
            #expect(issued.key.displayPrefix == String(issued.token.prefix(16)))
            let principal = try await platform.identity.authenticate(bearer: issued.token, in: env.database)
            #expect(principal.kind == .apiKey)
            #expect(principal.allows(.staffRead))
            #expect(!principal.allows(.staffManage))

            // A token with the right key ID but a forged secret is refused.
            let forged = String(issued.token.dropLast(4)) + "AAAA"
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: forged, in: env.database)
            }
            try await env.database.inTransaction { db in
                _ = try await platform.identity.revokeAPIKey(issued.key.id, by: .system, on: db)
            }
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: issued.token, in: env.database)
            }
        }
    }

    @Test("a key cannot hold more than its creator, then or later", arguments: TestBackend.allCases)
    func boundedByCreator(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            try await platform.staff("owner@shop.example", roles: ["owner"])
            let auditor = try await platform.staff("auditor@shop.example", roles: ["auditor"])
            let creator = try await Self.principal(auditor, platform)
            await #expect(throws: IdentityError.scopeExceedsPermissions(["identity.staff.manage"])) {
                try await env.database.inTransaction { db in
                    try await platform.identity.createAPIKey(
                        name: "sneaky", scopes: ["identity.staff.read", "identity.staff.manage"], expiresAt: nil,
                        by: creator, requestID: nil, on: db)
                }
            }
            await #expect(throws: IdentityError.malformedPermissions(["Identity.Staff"])) {
                try await env.database.inTransaction { db in
                    try await platform.identity.createAPIKey(
                        name: "bad", scopes: ["Identity.Staff"], expiresAt: nil, by: creator, requestID: nil, on: db)
                }
            }
            let issued = try await env.database.inTransaction { db in
                try await platform.identity.createAPIKey(
                    name: "reports", scopes: ["identity.audit.read"], expiresAt: nil, by: creator, requestID: nil,
                    on: db)
            }
            // The creator loses the permission: so does the key.
            try await env.database.inTransaction { db in
                _ = try await platform.identity.setRoles(
                    ["support"], of: auditor.id, by: .system, granting: .all, on: db)
            }
            let principal = try await platform.identity.authenticate(bearer: issued.token, in: env.database)
            #expect(!principal.allows(.auditRead))
            // The creator is disabled: the key stops working.
            try await env.database.inTransaction { db in
                _ = try await platform.identity.disableStaffUser(auditor.id, by: .system, granting: .all, on: db)
            }
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: issued.token, in: env.database)
            }
        }
    }

    @Test("an expired key is refused and API keys cannot mint keys", arguments: TestBackend.allCases)
    func expiryAndNoKeyMinting(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            let creator = try await Self.principal(owner, platform)
            let issued = try await env.database.inTransaction { db in
                try await platform.identity.createAPIKey(
                    name: "short", scopes: ["*"], expiresAt: env.clock.now.addingTimeInterval(60), by: creator,
                    requestID: nil, on: db)
            }
            let keyPrincipal = try await platform.identity.authenticate(bearer: issued.token, in: env.database)
            await #expect(throws: IdentityError.forbidden(.apiKeysManage)) {
                try await env.database.inTransaction { db in
                    try await platform.identity.createAPIKey(
                        name: "child", scopes: ["*"], expiresAt: nil, by: keyPrincipal, requestID: nil, on: db)
                }
            }
            env.clock.advance(by: 61)
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: issued.token, in: env.database)
            }
        }
    }
}
