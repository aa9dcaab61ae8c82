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

/// The console's settings: staff and their roles, API keys shown once, one's own two-factor set-up,
/// the audit log, and who may open which.
@Suite("Console settings pages")
struct ConsoleSettingsPagesTests {
    /// The value of the first `name="…" value="…"` input on a page.
    static func inputValue(_ name: String, in html: String) -> String? {
        value(after: "name=\"\(name)\" value=\"", in: html)
    }

    static func value(after marker: String, in html: String) -> String? {
        guard let start = html.range(of: marker) else { return nil }
        let rest = html[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func staff(_ email: String, on platform: Platform) async throws -> StaffUser? {
        try await platform.database.read { db in
            try await platform.identity.staffUsers(after: nil, limit: 100, on: db).first { $0.email == email }
        }
    }

    @Test(
        "an owner adds a staff member once, sees bad input beside the form, changes roles, and disables them",
        arguments: TestBackend.allCases)
    func staffMembers(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            let list = try await owner.get("/admin/settings/staff")
            #expect(list.status == .ok)
            #expect(
                list.text.contains("href=\"/admin/settings\" aria-current=\"page\""), "the navigation marks Settings")
            #expect(list.text.contains("<td>owner@shop.example</td><td>owner</td><td>Off</td>"))
            #expect(list.text.contains("value=\"warehouse\""), "the roles to choose from")

            let short = try await owner.post(
                "/admin/settings/staff",
                [("name", "Dora Dock"), ("email", "dora@shop.example"), ("password", "short"), ("roles", "warehouse")])
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("id=\"add-staff-error\">Password must have at least 10 characters.<"))
            #expect(short.text.contains("value=\"Dora Dock\"") && short.text.contains("value=\"dora@shop.example\""))
            #expect(!short.text.contains("value=\"short\""), "a password is never sent back")
            #expect(try await Self.staff("dora@shop.example", on: platform) == nil)

            let fields = [
                ("name", "Dora Dock"), ("email", "dora@shop.example"), ("password", "a long enough secret"),
                ("roles", "warehouse"), ("roles", "support"),
            ]
            let key = ConsoleBrowser.randomKey()
            let added = try await owner.post("/admin/settings/staff", fields, key: key)
            let again = try await owner.post("/admin/settings/staff", fields, key: key)
            #expect(added.status == .seeOther && again.location == added.location)
            let dora = try #require(try await Self.staff("dora@shop.example", on: platform))
            #expect(dora.roles == ["support", "warehouse"])
            #expect(added.location == "/admin/settings/staff/\(dora.id.rawValue)?done=staff_created")
            let doraPage = try await owner.get(try #require(added.location))
            #expect(doraPage.text.contains("id=\"settings-notice\">The staff member was added."))
            #expect(doraPage.text.contains("id=\"role-warehouse\" name=\"roles\" value=\"warehouse\" checked"))

            let roles = try await owner.post(
                "/admin/settings/staff/\(dora.id.rawValue)/roles", [("roles", "accountant")])
            #expect(roles.status == .seeOther)
            #expect(try await Self.staff("dora@shop.example", on: platform)?.roles == ["accountant"])

            let ownerID = try #require(try await Self.staff("owner@shop.example", on: platform)).id
            let lastOwner = try await owner.post(
                "/admin/settings/staff/\(ownerID.rawValue)/roles", [("roles", "support")])
            #expect(lastOwner.status == .conflict)
            #expect(lastOwner.text.contains("id=\"roles-error\""))
            #expect(try await Self.staff("owner@shop.example", on: platform)?.roles == ["owner"])

            let disabled = try await owner.post("/admin/settings/staff/\(dora.id.rawValue)/disable")
            #expect(disabled.status == .seeOther)
            #expect(try await Self.staff("dora@shop.example", on: platform)?.isActive == false)
            let after = try await owner.get("/admin/settings/staff/\(dora.id.rawValue)")
            #expect(after.text.contains("id=\"staff-state\">Disabled on "))
            #expect(!after.text.contains("id=\"disable-form\""), "nothing left to do for a disabled member")

            let audit = try await owner.get("/admin/settings/audit")
            #expect(audit.status == .ok)
            #expect(audit.text.contains("<code>staff.created</code>"))
            #expect(
                audit.text.contains(
                    "<a href=\"/admin/settings/staff/\(dora.id.rawValue)\">staff_user \(dora.id.rawValue)</a>"))
            #expect(audit.text.contains("<code>staff.roles_changed</code>"))
            #expect(audit.text.contains("from: support,warehouse; to: accountant"))
            let byDora = try await owner.get("/admin/settings/audit?actor=\(dora.id.rawValue)")
            #expect(byDora.text.contains("id=\"audit-empty\""), "Dora did nothing herself")
        }
    }

    @Test(
        "an API key's secret is shown once and works; a repeated form does not show it again; revoking stops it",
        arguments: TestBackend.allCases)
    func apiKeys(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            #expect(try await owner.get("/admin/settings/api-keys").text.contains("id=\"keys-empty\""))

            let bad = try await owner.post(
                "/admin/settings/api-keys", [("name", "Sync"), ("scopes", "not a permission!")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"issue-error\""))
            let past = try await owner.post(
                "/admin/settings/api-keys",
                [("name", "Sync"), ("scopes", "identity.roles.read"), ("expires_on", "2001-02-30")])
            #expect(past.status == .unprocessableContent)
            #expect(past.text.contains("Expires on must be a date like 2027-01-31."))

            let fields = [("name", "ERP sync"), ("scopes", "identity.roles.read\ninventory.stock.read")]
            let key = ConsoleBrowser.randomKey()
            let issued = try await owner.post("/admin/settings/api-keys", fields, key: key)
            #expect(issued.status == .created)
            let token = try #require(
                Self.value(after: "id=\"issued-token\" class=\"secret\" value=\"", in: issued.text))
            #expect(token.count > 20)
            let roles = try await client.execute(uri: "/v1/admin/roles", method: .get, headers: Fixture.bearer(token))
            #expect(roles.status == .ok, "the new key works")

            let replayed = try await owner.post("/admin/settings/api-keys", fields, key: key)
            #expect(replayed.status == .seeOther)
            #expect(replayed.location == "/admin/settings/api-keys?done=key_issued")
            let list = try await owner.get(try #require(replayed.location))
            #expect(!list.text.contains(token), "the secret is never shown again")
            #expect(list.text.contains("<code>\(token.prefix(16))…</code>"))
            #expect(list.text.contains("identity.roles.read, inventory.stock.read"))
            let keys = try await platform.database.read { db in try await platform.identity.apiKeys(on: db) }
            #expect(keys.count == 1, "a repeated form issues no second key")

            let revoke = try await owner.post("/admin/settings/api-keys/\(try #require(keys.first).id.rawValue)/revoke")
            #expect(revoke.status == .seeOther)
            let refused = try await client.execute(uri: "/v1/admin/roles", method: .get, headers: Fixture.bearer(token))
            #expect(refused.status == .unauthorized)
            #expect(try await owner.get("/admin/settings/api-keys").text.contains("Revoked "))
        }
    }

    @Test(
        "any staff member turns on their own two-factor sign-in with a code from the app; a wrong code keeps the set-up",
        arguments: TestBackend.allCases)
    func twoFactor(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let dock = try await ConsoleBrowser.signIn(
                "dock@shop.example", roles: ["warehouse"], on: platform, client: client)
            let off = try await dock.get("/admin/settings/two-factor")
            #expect(off.status == .ok && off.text.contains("id=\"begin-two-factor\""))

            let begun = try await dock.post("/admin/settings/two-factor")
            #expect(begun.status == .ok)
            let secret = try #require(Self.inputValue("secret", in: begun.text))
            #expect(begun.text.contains("otpauth://totp/"))
            let totp = TOTP(secret: try #require(Base32.decode(secret)))

            let uri = try #require(Self.inputValue("uri", in: begun.text))
            let wrong = try await dock.post(
                "/admin/settings/two-factor/confirm", [("secret", secret), ("uri", uri), ("code", "000000")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("id=\"code-error\">The code is not right or has expired.<"))
            #expect(Self.inputValue("secret", in: wrong.text) == secret, "the set-up goes on with the same key")
            #expect(try await Self.staff("dock@shop.example", on: platform)?.twoFactorEnabled == false)

            let code = totp.code(forStep: totp.step(at: env.clock.now))
            let right = try await dock.post(
                "/admin/settings/two-factor/confirm", [("secret", secret), ("uri", uri), ("code", code)])
            #expect(right.status == .seeOther)
            #expect(try await Self.staff("dock@shop.example", on: platform)?.twoFactorEnabled == true)
            let on = try await dock.get(try #require(right.location))
            #expect(on.text.contains("Two-factor sign-in is on:") && on.text.contains("<strong>on</strong>"))
        }
    }

    @Test(
        "staff see only the settings their role opens; strangers and forged forms are refused",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let dock = try await ConsoleBrowser.signIn(
                "dock@shop.example", roles: ["warehouse"], on: platform, client: client)
            let index = try await dock.get("/admin/settings")
            #expect(index.status == .ok)
            #expect(index.text.contains("href=\"/admin/settings/two-factor\""))
            #expect(!index.text.contains("href=\"/admin/settings/staff\"") && !index.text.contains("api-keys"))
            for path in [
                "/admin/settings/staff", "/admin/settings/api-keys", "/admin/settings/audit", "/admin/settings/roles",
            ] {
                #expect(try await dock.get(path).status == .forbidden, "\(path)")
            }
            let forbidden = try await dock.post(
                "/admin/settings/staff",
                [
                    ("name", "Eve"), ("email", "eve@shop.example"), ("password", "a long enough secret"),
                    ("roles", "owner"),
                ])
            #expect(forbidden.status == .forbidden)
            #expect(try await Self.staff("eve@shop.example", on: platform) == nil)

            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            let forged = try await owner.post(
                "/admin/settings/staff",
                [
                    ("name", "Eve"), ("email", "eve@shop.example"), ("password", "a long enough secret"),
                    ("roles", "owner"),
                ],
                withToken: false)
            #expect(forged.status == .forbidden)
            #expect(try await Self.staff("eve@shop.example", on: platform) == nil)

            let stranger = ConsoleBrowser(client: client, session: nil)
            let redirected = try await stranger.get("/admin/settings/api-keys")
            #expect(redirected.status == .seeOther && redirected.location?.hasPrefix("/admin/login?next=") == true)
        }
    }
}
