import Catalog
import Customers
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

extension CompaniesHTTPTests {
    @Test(
        "a company buyer browses at contract prices; everyone else, and the shared cache, at public ones",
        arguments: TestBackend.allCases)
    func contractPricesWhileBrowsing(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let buyerToken = try await Fixture.customerToken("buyer@acme.example", on: platform)
            let buyer = try #require(
                try await platform.identity.authenticate(bearer: buyerToken, in: platform.database).customerID
            ).rawValue
            try await platform.database.inTransaction { db in
                let eur = Currency(code: "EUR")!
                let contract = try await platform.catalog.createPriceList(
                    NewPriceList(name: "Acme", channel: "web", currency: eur, customerGroup: "contract-acme"),
                    by: TestShop.actor, on: db)
                try await platform.catalog.setPrice(
                    Money(minorUnits: 1200, currency: eur), of: shop.teeS, in: contract.id, by: TestShop.actor, on: db)
                let acme = try await platform.customers.createCompany(
                    CompanyDraft(
                        legalName: "Acme AB",
                        billingAddress: StreetAddress(
                            recipient: "Accounts", line1: "Box 1", city: "Malmö", postalCode: "211 00",
                            countryCode: "SE"), priceListID: contract.id.rawValue), by: TestShop.actor, on: db)
                _ = try await platform.customers.addBuyer(
                    acme.id, customerID: buyer, role: .buyer, by: TestShop.actor, on: db)
            }
            env.clock.advance(by: 60)
            func teePrices(_ headers: HTTPFields) async throws -> (page: [Int], listing: Int?) {
                let page = try await client.execute(uri: "/v1/store/products/tee", method: .get, headers: headers)
                let listing = try await client.execute(uri: "/v1/store/products?q=tee", method: .get, headers: headers)
                return (
                    page.json.array("variants").compactMap { $0.object("price")["amount"] as? Int }.sorted(),
                    listing.json.array("items").first?.object("from_price")["amount"] as? Int
                )
            }
            let anonymous = try await teePrices([:])
            #expect(anonymous.page == [1999, 2150])
            #expect(anonymous.listing == 1999)
            let contract = try await teePrices(Fixture.bearer(buyerToken))
            #expect(contract.page == [1200, 2150])
            #expect(contract.listing == 1200)
            #expect(try await teePrices([:]).page == [1999, 2150], "the buyer's prices are not served to others")
        }
    }
}
