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

@Suite("Catalog over HTTP")
struct CatalogHTTPTests {
    static let header =
        "handle,title,description,brand,status,category,tax_class,purchasable_from,channels,option1_name,option1_value,sku,channel,currency,price"
    static let good = """
        \(header)
        tee,Organic Tee,Soft cotton,Nord,published,Clothing > Shirts,standard,,web,Size,S,TEE-S,web,EUR,19.99
        tee,,,,,,,,,Size,M,TEE-M,web,EUR,21.50
        draft-mug,Mug,,,draft,Kitchen,standard,,web,,,MUG,web,EUR,9.00

        """
    static let bad = """
        \(header)
        tee,Organic Tee,Soft cotton,Nord,published,Clothing > Shirts,standard,,web,Size,S,TEE-S,web,EUR,19.999

        """

    static func importCSV(
        _ csv: String, dryRun: Bool, token: String, client: some TestClientProtocol
    ) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/v1/admin/catalog/import?dry_run=\(dryRun)", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: csv))
    }

    @Test("staff import a CSV; shoppers browse it and see prices, drafts stay hidden", arguments: TestBackend.allCases)
    func importAndBrowse(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            _ = try await Fixture.staff("merch@shop.example", roles: ["merchandiser"], on: platform)
            _ = try await Fixture.staff("support@shop.example", roles: ["support"], on: platform)
            let merch = try await Fixture.staffToken("merch@shop.example", client: client)
            let support = try await Fixture.staffToken("support@shop.example", client: client)

            let refused = try await Self.importCSV(Self.good, dryRun: false, token: support, client: client)
            #expect(refused.status == .forbidden)

            let dry = try await Self.importCSV(Self.bad, dryRun: true, token: merch, client: client)
            #expect(dry.status == .ok)
            #expect(dry.json.array("problems").first?["line"] as? Int == 2)
            let rejected = try await Self.importCSV(Self.bad, dryRun: false, token: merch, client: client)
            #expect(rejected.status == .badRequest)
            #expect(rejected.json.string("code") == "import_rejected")
            #expect(rejected.json.array("errors").first?.string("pointer") == "/lines/2/price")

            let imported = try await Self.importCSV(Self.good, dryRun: false, token: merch, client: client)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(imported.json["products_created"] as? Int == 2)

            // Prices have been in force for an hour when shoppers look.
            env.clock.advance(by: 3600)
            let listing = try await client.execute(uri: "/v1/store/products?currency=EUR&q=tee", method: .get)
            #expect(listing.status == .ok)
            let items = listing.json.array("items")
            #expect(items.compactMap { $0.string("slug") } == ["tee"])
            #expect(items.first?.object("from_price")["amount"] as? Int == 1999)

            let everything = try await client.execute(uri: "/v1/store/products", method: .get)
            #expect(everything.json.array("items").compactMap { $0.string("slug") } == ["tee"])

            let product = try await client.execute(uri: "/v1/store/products/tee", method: .get)
            // The test platform keeps no page cache, so nothing downstream may keep it either.
            #expect(product.headers[.cacheControl] == "public, max-age=0")
            #expect(product.status == .ok)
            let prices = product.json.array("variants").compactMap { $0.object("price")["amount"] as? Int }
            #expect(prices.sorted() == [1999, 2150])
            // Never repriced: no prior price to show.
            #expect(product.json.array("variants").allSatisfy { $0["lowest_price_30_days"] == nil })

            #expect(try await client.execute(uri: "/v1/store/products/draft-mug", method: .get).status == .notFound)
            #expect(
                try await client.execute(uri: "/v1/store/products/tee?channel=pos", method: .get).status == .notFound)
            let badCurrency = try await client.execute(uri: "/v1/store/products?currency=XYZ", method: .get)
            #expect(badCurrency.status == .badRequest)
            #expect(badCurrency.json.string("code") == "invalid_parameter")
        }
    }

    @Test(
        "merchandisers list drafts, publish, reprice and export; the price history keeps the old price",
        arguments: TestBackend.allCases)
    func backOffice(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("merch@shop.example", roles: ["merchandiser"], on: platform)
            _ = try await Fixture.staff("support@shop.example", roles: ["support"], on: platform)
            let merch = try await Fixture.staffToken("merch@shop.example", client: client)
            let support = try await Fixture.staffToken("support@shop.example", client: client)
            let imported = try await Self.importCSV(Self.good, dryRun: false, token: merch, client: client)
            #expect(imported.status == .ok)
            env.clock.advance(by: 3600)

            let drafts = try await client.execute(
                uri: "/v1/admin/catalog/products?status=draft", method: .get, headers: Fixture.bearer(merch))
            #expect(drafts.json.array("items").compactMap { $0.string("slug") } == ["draft-mug"], "\(drafts.text)")
            let mug = try #require(drafts.json.array("items").first?.string("id"))
            let published = try await client.execute(
                uri: "/v1/admin/catalog/products/\(mug)/status", method: .put, headers: Fixture.bearer(merch),
                body: Fixture.json(["status": "published"]))
            #expect(published.json.string("status") == "published", "\(published.text)")

            let tee = try await client.execute(uri: "/v1/store/products/tee", method: .get)
            let variant = try #require(
                tee.json.array("variants").first { $0.string("sku") == "TEE-S" }?.string("id"))
            let refused = try await client.execute(
                uri: "/v1/admin/catalog/variants/\(variant)/price", method: .put, headers: Fixture.bearer(support),
                body: Fixture.json(["channel": "web", "price": ["amount": 1799, "currency": "EUR"]]))
            #expect(refused.status == .forbidden)
            let negative = try await client.execute(
                uri: "/v1/admin/catalog/variants/\(variant)/price", method: .put, headers: Fixture.bearer(merch),
                body: Fixture.json(["channel": "web", "price": ["amount": -1, "currency": "EUR"]]))
            #expect(negative.status == .badRequest)
            let unknown = try await client.execute(
                uri: "/v1/admin/catalog/variants/var_00000000000000000000000000/price", method: .put,
                headers: Fixture.bearer(merch),
                body: Fixture.json(["channel": "web", "price": ["amount": 1799, "currency": "EUR"]]))
            #expect(unknown.status == .notFound)
            let repriced = try await client.execute(
                uri: "/v1/admin/catalog/variants/\(variant)/price", method: .put, headers: Fixture.bearer(merch),
                body: Fixture.json(["channel": "web", "price": ["amount": 1799, "currency": "EUR"]]))
            #expect(repriced.status == .ok, "\(repriced.text)")
            #expect(repriced.json["changed"] as? Bool == true)

            env.clock.advance(by: 3600)
            let after = try await client.execute(uri: "/v1/store/products/tee", method: .get)
            let small = try #require(after.json.array("variants").first { $0.string("sku") == "TEE-S" })
            #expect(small.object("price")["amount"] as? Int == 1799)
            #expect(small.object("lowest_price_30_days")["amount"] as? Int == 1999)

            let export = try await client.execute(
                uri: "/v1/admin/catalog/export", method: .get, headers: Fixture.bearer(merch))
            #expect(export.status == .ok)
            #expect(export.text.contains("TEE-S"))
            #expect(export.text.contains("17.99"))
        }
    }
}
