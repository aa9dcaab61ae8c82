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

/// An administrator runs the staff list but holds fewer permissions than an owner: the console and the
/// API refuse them every role change that would reach beyond what they hold.
@Suite("Console and API role grants")
struct RoleGrantHTTPTests {
    @Test(
        "an administrator can neither make themselves an owner nor demote or disable one, in the console or the API",
        arguments: TestBackend.allCases)
    func noEscalation(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let owner = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let admin = try await ConsoleBrowser.signIn(
                "admin@shop.example", roles: ["administrator"], on: platform, client: client)
            let adminID = try #require(try await ConsoleSettingsPagesTests.staff("admin@shop.example", on: platform)).id

            let promoted = try await admin.post(
                "/admin/settings/staff/\(adminID.rawValue)/roles", [("roles", "administrator"), ("roles", "owner")])
            #expect(promoted.status == .forbidden)
            #expect(promoted.text.contains("id=\"roles-error\"") && promoted.text.contains(": owner."))
            let disabled = try await admin.post("/admin/settings/staff/\(owner.id.rawValue)/disable")
            #expect(disabled.status == .forbidden && disabled.text.contains("id=\"disable-error\""))
            let created = try await admin.post(
                "/admin/settings/staff",
                [
                    ("name", "Friend"), ("email", "friend@shop.example"), ("password", "a long enough secret"),
                    ("roles", "owner"),
                ])
            #expect(created.status == .forbidden)
            #expect(try await ConsoleSettingsPagesTests.staff("friend@shop.example", on: platform) == nil)

            let token = try await Fixture.staffToken("admin@shop.example", client: client)
            let viaAPI = try await client.execute(
                uri: "/v1/admin/staff/\(adminID.rawValue)/roles", method: .put,
                headers: Fixture.bearer(token),
                body: ByteBuffer(string: #"{"roles":["owner"]}"#))
            #expect(viaAPI.status == .forbidden)
            #expect(String(buffer: viaAPI.body).contains("role_beyond_permissions"))

            #expect(
                try await ConsoleSettingsPagesTests.staff("admin@shop.example", on: platform)?.roles == [
                    "administrator"
                ])
            #expect(try await ConsoleSettingsPagesTests.staff("owner@shop.example", on: platform)?.isActive == true)
        }
    }
}
