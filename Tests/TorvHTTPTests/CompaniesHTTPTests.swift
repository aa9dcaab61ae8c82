import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("B2B companies over HTTP")
struct CompaniesHTTPTests {
    static func company(priceList: String?) -> ByteBuffer {
        var body: [String: Any] = [
            "legal_name": "Acme AB", "payment_terms_days": 30,
            "billing_address": [
                "name": "Accounts", "line1": "Box 1", "city": "Malmö", "postal_code": "211 00", "country": "SE",
            ],
        ]
        if let priceList { body["price_list_id"] = priceList }
        return Fixture.json(body)
    }

    @Test(
        "staff give a company a contract price list; an unknown list and a read-only role are refused",
        arguments: TestBackend.allCases)
    func contractList(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let contract = try await platform.database.inTransaction { db in
                try await platform.catalog.createPriceList(
                    NewPriceList(
                        name: "Acme contract", channel: "web", currency: Currency(code: "EUR")!,
                        customerGroup: "contract-acme"), by: TestShop.actor, on: db)
            }
            _ = try await Fixture.staff("admin@shop.example", roles: ["administrator"], on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            let admin = try await Fixture.staffToken("admin@shop.example", client: client)
            let support = try await Fixture.staffToken("help@shop.example", client: client)

            let created = try await client.execute(
                uri: "/v1/admin/companies", method: .post,
                headers: CheckoutHTTPTests.headers(token: admin, key: "acme-1"),
                body: Self.company(priceList: contract.id.rawValue))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json.string("price_list_id") == contract.id.rawValue)

            let unknown = try await client.execute(
                uri: "/v1/admin/companies", method: .post,
                headers: CheckoutHTTPTests.headers(token: admin, key: "acme-2"),
                body: Self.company(priceList: "prl_01m856r84keaz8486pvkv2nh21"))
            #expect(unknown.status == .badRequest, "\(unknown.text)")
            #expect(unknown.json.array("errors").first?.string("pointer") == "/price_list_id")
            let malformed = try await client.execute(
                uri: "/v1/admin/companies", method: .post,
                headers: CheckoutHTTPTests.headers(token: admin, key: "acme-3"), body: Self.company(priceList: "nope"))
            #expect(malformed.json.array("errors").first?.string("code") == "invalid_id")

            let denied = try await client.execute(
                uri: "/v1/admin/companies", method: .post,
                headers: CheckoutHTTPTests.headers(token: support, key: "acme-4"), body: Self.company(priceList: nil))
            #expect(denied.status == .forbidden)
            let listed = try await client.execute(
                uri: "/v1/admin/companies", method: .get, headers: CheckoutHTTPTests.headers(token: support))
            #expect(listed.status == .ok)
            #expect(listed.json.array("items").count == 1, "nothing refused was written")
        }
    }
}
