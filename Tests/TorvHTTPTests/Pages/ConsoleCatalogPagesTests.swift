import Catalog
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

/// The console's catalog pages: the product list, a product's prices and history, the CSV import, and
/// who may do what there.
@Suite("Console catalog pages")
struct ConsoleCatalogPagesTests {
    static func money(_ minor: Int64) -> String {
        Money(minorUnits: minor, currency: .eur).formatted(locale: Locale(identifier: "en_IE"))
    }

    static func productCount(on platform: Platform) async throws -> Int {
        try await platform.database.read { db in try await platform.catalog.products(limit: 100, on: db).count }
    }

    static func productID(sku: String, on platform: Platform) async throws -> ProductID {
        try await platform.database.read { db in try await platform.catalog.variant(sku: sku, on: db).productID }
    }

    static func status(of id: ProductID, on platform: Platform) async throws -> ProductStatus {
        try await platform.database.read { db in try await platform.catalog.product(id, on: db).status }
    }

    /// The `href` of the element with this `id`, as the browser reads it.
    static func href(ofID id: String, in html: String) -> String? {
        guard let anchor = html.range(of: "id=\"\(id)\"") else { return nil }
        let tag = html[..<anchor.lowerBound]
        guard let start = tag.range(of: "href=\"", options: .backwards) else { return nil }
        let rest = tag[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]).replacingOccurrences(of: "&amp;", with: "&") }
    }

    static let header =
        "handle,title,description,brand,status,category,tax_class,purchasable_from,channels,option1_name,option1_value,sku,weight_grams,channel,currency,price"

    @Test(
        "the list shows every product with its variants and prices, finds by words and category, and pages",
        arguments: TestBackend.allCases)
    func list(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            var session = try await ConsolePagesTests.signIn("owner@shop.example", client: client)

            let all = try await session.get("/admin/catalog", client: client)
            #expect(all.status == .ok)
            #expect(all.text.contains("href=\"/admin/catalog\" aria-current=\"page\""), "the navigation marks Catalog")
            let tee = try await Self.productID(sku: "TEE-S", on: platform)
            #expect(all.text.contains("<a href=\"/admin/catalog/products/\(tee.rawValue)\">Organic Tee</a>"))
            #expect(all.text.contains("<td>2</td><td>\(Self.money(1999)) – \(Self.money(2150))</td>"), "\(all.text)")
            #expect(all.text.contains("<td>1</td><td>\(Self.money(900))</td>"), "the mug's one price")

            let found = try await session.get("/admin/catalog?q=stoneware", client: client)
            #expect(found.text.contains("Stoneware Mug") && !found.text.contains("Organic Tee"))
            let bySKU = try await session.get("/admin/catalog?q=tee-m", client: client)
            #expect(bySKU.text.contains("Organic Tee") && !bySKU.text.contains("Stoneware Mug"))
            let kitchen = try #require(
                try await platform.database.read { db in try await platform.catalog.categories(on: db) }
                    .first { $0.name == "Kitchen" })
            let inKitchen = try await session.get("/admin/catalog?category=\(kitchen.id.rawValue)", client: client)
            #expect(inKitchen.text.contains("Stoneware Mug") && !inKitchen.text.contains("Organic Tee"))
            #expect(inKitchen.text.contains("<option value=\"\(kitchen.id.rawValue)\" selected>Kitchen</option>"))
            let drafts = try await session.get("/admin/catalog?status=draft", client: client)
            #expect(drafts.text.contains("id=\"catalog-empty\"") && !drafts.text.contains("id=\"product-table\""))

            // 25 products a page: 24 more make 26, so a second page holds one.
            let more = (1...24).map {
                "extra-\($0),Extra \($0),,,draft,Extras,standard,,web,,,EXTRA-\($0),100,web,EUR,5.00"
            }
            let report = try await CatalogImport.run(
                csv: ([Self.header] + more).joined(separator: "\n"), dryRun: false, by: TestShop.actor,
                on: platform)
            #expect(report.productsCreated == 24)
            let first = try await session.get("/admin/catalog", client: client)
            #expect(first.text.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 25)
            let next = try #require(Self.href(ofID: "next-page", in: first.text))
            let second = try await session.get(next, client: client)
            #expect(second.text.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 1)
            #expect(second.text.contains("id=\"first-page\"") && !second.text.contains("id=\"next-page\""))
        }
    }

    @Test(
        "a product's page shows its prices, the change in its history and the lowest price of the last 30 days",
        arguments: TestBackend.allCases)
    func product(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            env.clock.advance(by: 86_400)
            // As the API's setVariantPrice does: the channel's base list, then the price.
            try await platform.database.inTransaction { db in
                let list = try await platform.catalog.basePriceList(
                    channel: "web", currency: .eur, by: TestShop.actor, on: db)
                _ = try await platform.catalog.setPrice(
                    Money(minorUnits: 2499, currency: .eur), of: shop.teeS, in: list.id, by: TestShop.actor, on: db)
            }
            env.clock.advance(by: 3600)
            let tee = try await Self.productID(sku: "TEE-S", on: platform)
            var session = try await ConsolePagesTests.signIn("owner@shop.example", client: client)

            let page = try await session.get("/admin/catalog/products/\(tee.rawValue)", client: client)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1 id=\"product-name\">Organic Tee</h1>"))
            #expect(page.text.contains("<tr><th scope=\"row\">TEE-M</th><td>Size: M</td>"), "\(page.text)")
            #expect(page.text.contains("1+ \(Self.money(2499))") && page.text.contains("1+ \(Self.money(2150))"))
            #expect(
                page.text.contains(
                    "<tr><th scope=\"row\">TEE-S</th><td>web · EUR</td><td>\(Self.money(2499))</td>"
                        + "<td class=\"lowest-30-days\">\(Self.money(1999))</td></tr>"),
                "the raise does not hide the lower price")
            #expect(page.text.contains("<td>\(Self.money(1999))</td><td>\(Self.money(2499))</td></tr>"), "the change")
            #expect(
                page.text.contains(
                    "<tr><th scope=\"row\">TEE-S</th><td>Warehouse</td><td>50</td><td>0</td><td>50</td></tr>"))
            #expect(page.text.contains("<tr><th scope=\"row\">MUG</th>") == false, "only this product's SKUs")

            env.clock.advance(by: 31 * 86_400)
            // A month later the staff session has expired: sign in again.
            session = try await ConsolePagesTests.signIn("owner@shop.example", client: client)
            let later = try await session.get("/admin/catalog/products/\(tee.rawValue)", client: client)
            #expect(
                later.text.contains(
                    "<td>\(Self.money(2499))</td><td class=\"lowest-30-days\">\(Self.money(2499))</td>"),
                "after 30 days the old price has left the window")
        }
    }

    @Test(
        "staff without catalog permissions are refused every catalog page and the import",
        arguments: TestBackend.allCases)
    func refusedWithoutPermission(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            _ = try await Fixture.staff("ads@shop.example", roles: ["marketing"], on: platform)
            let tee = try await Self.productID(sku: "TEE-S", on: platform)
            let before = try await Self.productCount(on: platform)
            let csv = Self.header + "\nlamp,Desk Lamp,,,draft,Home,standard,,web,,,LAMP,900,web,EUR,39.00"

            var support = try await ConsolePagesTests.signIn("help@shop.example", client: client)
            let home = try await support.get("/admin", client: client)
            #expect(!home.text.contains("href=\"/admin/catalog\""), "the navigation offers only what the role opens")
            let token = try #require(BrowserLikeSession.formToken(in: home.text))
            for path in ["/admin/catalog", "/admin/catalog/products/\(tee.rawValue)", "/admin/catalog/import"] {
                #expect(try await support.get(path, client: client).status == .forbidden, "\(path)")
            }
            for intent in ["check", "import"] {
                let posted = try await support.post(
                    "/admin/catalog/import", [("_form", token), ("csv", csv), ("intent", intent)], client: client)
                #expect(posted.status == .forbidden && posted.text.contains("You do not have access"))
            }
            #expect(try await Self.productCount(on: platform) == before)

            // Marketing reads the catalog but may not change it.
            var marketing = try await ConsolePagesTests.signIn("ads@shop.example", client: client)
            let list = try await marketing.get("/admin/catalog", client: client)
            #expect(list.status == .ok && !list.text.contains("id=\"import-link\""))
            let page = try await marketing.get("/admin/catalog/products/\(tee.rawValue)", client: client)
            #expect(page.status == .ok && !page.text.contains("id=\"status-draft\""), "no status form to offer")
            #expect(!page.text.contains("id=\"stock-table\""), "stock is for staff who may read it")
            #expect(try await marketing.get("/admin/catalog/import", client: client).status == .forbidden)
            let readerToken = try #require(BrowserLikeSession.formToken(in: page.text))
            let imported = try await marketing.post(
                "/admin/catalog/import", [("_form", readerToken), ("csv", csv), ("intent", "import")], client: client)
            #expect(imported.status == .forbidden)
            #expect(try await Self.productCount(on: platform) == before)
        }
    }

    @Test("a catalog post without the form token is refused and writes nothing", arguments: TestBackend.allCases)
    func forgedPosts(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            var session = try await ConsolePagesTests.signIn("owner@shop.example", client: client)
            let tee = try await Self.productID(sku: "TEE-S", on: platform)
            let before = try await Self.productCount(on: platform)
            let csv = Self.header + "\nlamp,Desk Lamp,,,draft,Home,standard,,web,,,LAMP,900,web,EUR,39.00"

            let imported = try await session.post(
                "/admin/catalog/import", [("csv", csv), ("intent", "import")], client: client)
            #expect(imported.status == .forbidden && imported.text.contains("This form could not be accepted"))
            let wrong = try await session.post(
                "/admin/catalog/import",
                [("_form", String(repeating: "0", count: 48)), ("csv", csv), ("intent", "import")],
                client: client)
            #expect(wrong.status == .forbidden)
            #expect(try await Self.productCount(on: platform) == before)

            let unpublished = try await session.post(
                "/admin/catalog/products/\(tee.rawValue)/status", [("status", "draft")], client: client)
            #expect(unpublished.status == .forbidden)
            #expect(try await Self.status(of: tee, on: platform) == .published)
        }
    }

    @Test(
        "publishing and unpublishing change the status; without the manage permission they are refused",
        arguments: TestBackend.allCases)
    func publishing(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("merch@shop.example", roles: ["merchandiser"], on: platform)
            _ = try await Fixture.staff("ads@shop.example", roles: ["marketing"], on: platform)
            let tee = try await Self.productID(sku: "TEE-S", on: platform)
            let path = "/admin/catalog/products/\(tee.rawValue)"

            var merch = try await ConsolePagesTests.signIn("merch@shop.example", client: client)
            let page = try await merch.get(path, client: client)
            #expect(page.text.contains("id=\"status-draft\"") && !page.text.contains("id=\"status-published\""))
            let token = try #require(BrowserLikeSession.formToken(in: page.text))
            let down = try await merch.post("\(path)/status", [("_form", token), ("status", "draft")], client: client)
            #expect(down.status == .seeOther && down.headers[.location] == "\(path)?changed=draft")
            #expect(try await Self.status(of: tee, on: platform) == .draft)
            let drafted = try await merch.get(try #require(down.headers[.location]), client: client)
            #expect(drafted.text.contains("id=\"status-notice\"") && drafted.text.contains("id=\"status-published\""))

            var marketing = try await ConsolePagesTests.signIn("ads@shop.example", client: client)
            let readerPage = try await marketing.get(path, client: client)
            let readerToken = try #require(BrowserLikeSession.formToken(in: readerPage.text))
            let refused = try await marketing.post(
                "\(path)/status", [("_form", readerToken), ("status", "published")], client: client)
            #expect(refused.status == .forbidden)
            #expect(try await Self.status(of: tee, on: platform) == .draft)

            let up = try await merch.post(
                "\(path)/status", [("_form", token), ("status", "published")], client: client)
            #expect(up.status == .seeOther)
            #expect(try await Self.status(of: tee, on: platform) == .published)

            // A product without variants cannot be published: the page says why.
            let bare = try await platform.database.inTransaction { db in
                try await platform.catalog.createProduct(
                    NewProduct(ProductDetails(title: "Empty Box", slug: "empty-box")), by: TestShop.actor, on: db)
            }
            let bareRefused = try await merch.post(
                "/admin/catalog/products/\(bare.id.rawValue)/status", [("_form", token), ("status", "published")],
                client: client)
            #expect(bareRefused.status.code >= 400 && bareRefused.text.contains("id=\"status-problem\""))
            #expect(try await Self.status(of: bare.id, on: platform) == .draft)
        }
    }
}
