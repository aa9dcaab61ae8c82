import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Routing policy over HTTP")
struct RoutingPolicyHTTPTests {
    @Test(
        "warehouse staff read the policy; an administrator of stock changes it; nonsense is refused",
        arguments: TestBackend.allCases)
    func routing(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            _ = try await Fixture.staff("support@shop.example", roles: ["support"], on: platform)
            let owner = try await Fixture.staffToken("owner@shop.example", client: client)
            let support = try await Fixture.staffToken("support@shop.example", client: client)
            let path = "/v1/admin/inventory/routing"

            let initial = try await client.execute(uri: path, method: .get, headers: Fixture.bearer(owner))
            #expect(initial.json.string("rule") == "priority")
            let changed = try await client.execute(
                uri: path, method: .put, headers: Fixture.bearer(owner), body: Fixture.json(["rule": "store_first"]))
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.json.string("rule") == "store_first")
            let nonsense = try await client.execute(
                uri: path, method: .put, headers: Fixture.bearer(owner), body: Fixture.json(["rule": "nearest"]))
            #expect(nonsense.status == .badRequest)
            let denied = try await client.execute(
                uri: path, method: .put, headers: Fixture.bearer(support), body: Fixture.json(["rule": "priority"]))
            #expect(denied.status == .forbidden)
            let now = try await client.execute(uri: path, method: .get, headers: Fixture.bearer(owner))
            #expect(now.json.string("rule") == "store_first")
        }
    }
}
