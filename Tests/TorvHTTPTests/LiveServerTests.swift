import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import TestSupport
import Testing

@Suite("A real server on a loopback socket")
struct LiveServerTests {
    @Test("health, sign-in and an authorised call over real HTTP", arguments: TestBackend.allCases)
    func smoke(backend: TestBackend) async throws {
        try await withTestApp(on: backend, live: true) { _, platform, client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)
            let roles = try await client.execute(uri: "/v1/admin/roles", method: .get, headers: Fixture.bearer(token))
            #expect(roles.status == .ok)
            #expect(roles.json.array("items").compactMap { $0.string("name") }.contains("owner"))
            // The per-address limiter sees the real peer, not the shared "unknown" bucket.
            let refused = try await client.execute(uri: "/v1/admin/roles", method: .get)
            #expect(refused.status == .unauthorized)
        }
    }
}
