import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOCore
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Customer profiles, address books and groups over HTTP")
struct CustomerProfileHTTPTests {
    static var address: [String: Any] {
        ["name": "Ada Lovelace", "line1": "Storgatan 1", "city": "Malmö", "postal_code": "211 22", "country": "SE"]
    }

    @Test("a customer keeps a profile and an address book nobody else can touch", arguments: TestBackend.allCases)
    func selfService(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let eve = try await Fixture.customerToken("eve@example.com", on: platform)

            let fresh = try await client.execute(
                uri: "/v1/store/me/profile", method: .get, headers: Fixture.bearer(ada))
            #expect(fresh.status == .ok)
            #expect(fresh.json["marketing_consent"] as? Bool == false)
            let updated = try await client.execute(
                uri: "/v1/store/me/profile", method: .put, headers: Fixture.bearer(ada),
                body: Fixture.json(["display_name": "Ada", "locale": "sv-SE", "marketing_consent": true]))
            #expect(updated.status == .ok, "\(updated.text)")
            #expect(updated.json.string("display_name") == "Ada")
            #expect(updated.json.string("marketing_consent_changed_at") != nil)

            let badCountry = try await client.execute(
                uri: "/v1/store/me/addresses", method: .post, headers: Fixture.bearer(ada),
                body: Fixture.json(["address": Self.address.merging(["country": "XX"]) { $1 }]))
            #expect(badCountry.status == .badRequest)
            #expect(
                badCountry.json.array("errors").contains { $0.string("pointer")?.hasSuffix("country") == true },
                "\(badCountry.text)")

            let saved = try await client.execute(
                uri: "/v1/store/me/addresses", method: .post, headers: Fixture.bearer(ada),
                body: Fixture.json(["label": "Home", "address": Self.address, "default_shipping": true]))
            #expect(saved.status == .created, "\(saved.text)")
            let id = try #require(saved.json.string("id"))
            #expect(saved.json["default_shipping"] as? Bool == true)

            let theirs = try await client.execute(
                uri: "/v1/store/me/addresses", method: .get, headers: Fixture.bearer(eve))
            #expect(theirs.json.array("items").isEmpty)
            let stolen = try await client.execute(
                uri: "/v1/store/me/addresses/\(id)", method: .delete, headers: Fixture.bearer(eve))
            #expect(stolen.status == .notFound)
            let mine = try await client.execute(
                uri: "/v1/store/me/addresses", method: .get, headers: Fixture.bearer(ada))
            #expect(mine.json.array("items").compactMap { $0.string("id") } == [id])
            let removed = try await client.execute(
                uri: "/v1/store/me/addresses/\(id)", method: .delete, headers: Fixture.bearer(ada))
            #expect(removed.status == .noContent)
        }
    }

    @Test("staff put customers in groups; support may read them but not change them", arguments: TestBackend.allCases)
    func groups(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("admin@shop.example", roles: ["administrator"], on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            let admin = try await Fixture.staffToken("admin@shop.example", client: client)
            let help = try await Fixture.staffToken("help@shop.example", client: client)
            guard
                case .created(let ada) = try await platform.identity.registerCustomer(
                    email: "ada@example.com", password: Fixture.password, name: "Ada", requestID: nil,
                    in: platform.database)
            else { throw FixtureError.signInFailed(0, "registration") }

            let refused = try await client.execute(
                uri: "/v1/admin/customer-groups", method: .post, headers: Fixture.bearer(help),
                body: Fixture.json(["code": "wholesale", "name": "Wholesale"]))
            #expect(refused.status == .forbidden)
            let created = try await client.execute(
                uri: "/v1/admin/customer-groups", method: .post, headers: Fixture.bearer(admin),
                body: Fixture.json(["code": "wholesale", "name": "Wholesale"]))
            #expect(created.status == .created, "\(created.text)")
            let group = try #require(created.json.string("id"))

            let nobody = try await client.execute(
                uri: "/v1/admin/customer-groups/\(group)/members", method: .post, headers: Fixture.bearer(admin),
                body: Fixture.json(["customer_id": "not-a-customer"]))
            #expect(nobody.status == .badRequest)
            let added = try await client.execute(
                uri: "/v1/admin/customer-groups/\(group)/members", method: .post, headers: Fixture.bearer(admin),
                body: Fixture.json(["customer_id": ada.id.rawValue]))
            #expect(added.status == .ok, "\(added.text)")
            #expect(added.json["members"] as? [String] == [ada.id.rawValue])

            let listed = try await client.execute(
                uri: "/v1/admin/customer-groups", method: .get, headers: Fixture.bearer(help))
            #expect(listed.json.array("items").compactMap { $0.string("code") } == ["wholesale"])
        }
    }
}
