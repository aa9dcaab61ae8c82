import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("A real server on a loopback socket")
struct LiveServerTests {
    /// The live client gives up after 20 seconds without a byte, and a password sign-in (bcrypt) can take
    /// longer than that while a thousand other tests share two cores: the call goes with an API key instead,
    /// issued outside the socket. Sign-in over HTTP is covered by the router tests.
    @Test("health, an authorised call and a refusal over real HTTP", arguments: TestBackend.allCases)
    func smoke(backend: TestBackend) async throws {
        try await withTestApp(on: backend, live: true) { _, platform, client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let owner = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let issuer = Principal(kind: .staff, id: owner.id.rawValue, permissions: PermissionSet(["*"]))
            let key = try await platform.database.inTransaction { db in
                try await platform.identity.createAPIKey(
                    name: "live test", scopes: ["identity.roles.read"], expiresAt: nil, by: issuer, requestID: nil,
                    on: db)
            }
            let roles = try await client.execute(
                uri: "/v1/admin/roles", method: .get, headers: Fixture.bearer(key.token))
            #expect(roles.status == .ok)
            #expect(roles.json.array("items").compactMap { $0.string("name") }.contains("owner"))
            // The per-address limiter sees the real peer, not the shared "unknown" bucket.
            let refused = try await client.execute(uri: "/v1/admin/roles", method: .get)
            #expect(refused.status == .unauthorized)
        }
    }
}
