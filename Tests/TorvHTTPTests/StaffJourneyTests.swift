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
import TorvHTTP

@Suite("Staff journey over HTTP")
struct StaffJourneyTests {
    @Test(
        "an owner signs in, creates a staff user and an API key, the key works until revoked",
        arguments: TestBackend.allCases)
    func ownerJourney(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)

            let me = try await client.execute(uri: "/v1/admin/me", method: .get, headers: Fixture.bearer(token))
            #expect(me.status == .ok)
            #expect(me.json.object("staff").string("email") == "owner@shop.example")
            #expect((me.json["permissions"] as? [String]) == ["*"])

            let created = try await client.execute(
                uri: "/v1/admin/staff", method: .post, headers: Fixture.bearer(token),
                body: Fixture.json([
                    "email": "sam@shop.example", "name": "Sam", "password": "a long enough one", "roles": ["support"],
                ]))
            #expect(created.status == .created)
            let samID = try #require(created.json.string("id"))
            #expect(samID.hasPrefix("stf_"))

            let key = try await client.execute(
                uri: "/v1/admin/api-keys", method: .post, headers: Fixture.bearer(token),
                body: Fixture.json(["name": "reporting", "scopes": ["identity.staff.read", "identity.audit.read"]]))
            #expect(key.status == .created)
            let keyToken = try #require(key.json.string("token"))
            let keyID = try #require(key.json.object("api_key").string("id"))

            let listed = try await client.execute(
                uri: "/v1/admin/staff?limit=1", method: .get, headers: Fixture.bearer(keyToken))
            #expect(listed.status == .ok)
            #expect(listed.json.array("items").count == 1)
            let next = try #require(listed.json.string("next"))
            let second = try await client.execute(
                uri: "/v1/admin/staff?limit=1&after=\(next)", method: .get, headers: Fixture.bearer(keyToken))
            #expect(second.json.array("items").first?.string("id") == samID)
            #expect(second.json.string("next") == nil)

            // The key may read staff but not change them.
            let forbidden = try await client.execute(
                uri: "/v1/admin/staff/\(samID)/disable", method: .post, headers: Fixture.bearer(keyToken))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.json.string("code") == "forbidden")

            let audit = try await client.execute(
                uri: "/v1/admin/audit-log", method: .get, headers: Fixture.bearer(keyToken))
            let actions = audit.json.array("items").compactMap { $0.string("action") }
            #expect(actions.contains("staff.created"))
            #expect(actions.contains("api_key.created"))
            #expect(audit.json.array("items").contains { $0.string("request_id") != nil })

            let revoked = try await client.execute(
                uri: "/v1/admin/api-keys/\(keyID)", method: .delete, headers: Fixture.bearer(token))
            #expect(revoked.status == .ok)
            #expect(revoked.json["active"] as? Bool == false)
            let afterRevoke = try await client.execute(
                uri: "/v1/admin/staff", method: .get, headers: Fixture.bearer(keyToken))
            #expect(afterRevoke.status == .unauthorized)

            let logout = try await client.execute(
                uri: "/v1/admin/auth/logout", method: .post, headers: Fixture.bearer(token))
            #expect(logout.status == .noContent)
            let afterLogout = try await client.execute(
                uri: "/v1/admin/me", method: .get, headers: Fixture.bearer(token))
            #expect(afterLogout.status == .unauthorized)
        }
    }

    @Test("sign-in answers alike for an unknown address and a wrong password")
    func signInDoesNotEnumerate() async throws {
        try await withTestApp(on: .sqlite) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            var bodies: [String] = []
            for (email, password) in [
                ("owner@shop.example", "wrong password"), ("ghost@shop.example", "wrong password"),
            ] {
                let response = try await client.execute(
                    uri: "/v1/admin/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: Fixture.json(["email": email, "password": password]))
                #expect(response.status == .unauthorized)
                var json = response.json
                json["instance"] = nil  // the request ID differs by design
                bodies.append(String(describing: json.sorted { $0.key < $1.key }))
            }
            #expect(bodies[0] == bodies[1])
        }
    }

    @Test("two-factor sign-in over HTTP")
    func twoFactor() async throws {
        try await withTestApp(on: .sqlite) { env, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)
            let begun = try await client.execute(
                uri: "/v1/admin/me/two-factor", method: .post, headers: Fixture.bearer(token))
            let secret = try #require(begun.json.string("secret"))
            #expect(begun.json.string("provisioning_uri")?.hasPrefix("otpauth://totp/") == true)
            let totp = TOTP(secret: try #require(Base32.decode(secret)))
            let confirm = try await client.execute(
                uri: "/v1/admin/me/two-factor/confirm", method: .post, headers: Fixture.bearer(token),
                body: Fixture.json(["code": totp.code(forStep: totp.step(at: env.clock.now))]))
            #expect(confirm.json["two_factor_enabled"] as? Bool == true)
            env.clock.advance(by: 30)

            let login = try await client.execute(
                uri: "/v1/admin/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: Fixture.json(["email": "owner@shop.example", "password": Fixture.password]))
            #expect(login.json.string("status") == "second_factor_required")
            #expect(login.json["session"] == nil)
            let challenge = try #require(login.json.string("challenge"))
            let finished = try await client.execute(
                uri: "/v1/admin/auth/second-factor", method: .post, headers: [.contentType: "application/json"],
                body: Fixture.json(["challenge": challenge, "code": totp.code(forStep: totp.step(at: env.clock.now))]))
            #expect(finished.status == .ok)
            #expect(finished.json.object("session").string("token")?.hasPrefix("torv_ss_") == true)
        }
    }
}
