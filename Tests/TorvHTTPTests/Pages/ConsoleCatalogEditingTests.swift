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

/// Editing the catalog from the console: a new product, its details, channels and status, its variants
/// and prices, each form taking effect once, and who may use the forms.
@Suite("Console catalog editing")
struct ConsoleCatalogEditingTests {
    static func product(_ id: ProductID, on platform: Platform) async throws -> Product {
        try await platform.database.read { db in try await platform.catalog.product(id, on: db) }
    }

    static func products(on platform: Platform) async throws -> [Product] {
        try await platform.database.read { db in try await platform.catalog.products(limit: 100, on: db) }
    }

    static func variants(of id: ProductID, on platform: Platform) async throws -> [Variant] {
        try await platform.database.read { db in try await platform.catalog.variants(of: id, on: db) }
    }

    static func category(_ name: String, on platform: Platform) async throws -> CategoryID {
        try #require(
            try await platform.database.read { db in try await platform.catalog.categories(on: db) }
                .first { $0.name == name }
        ).id
    }

    /// The product a form redirected to, read from `/admin/catalog/products/<id>?edited=…`.
    static func productID(redirectedTo location: String?) throws -> ProductID {
        let path = try #require(location?.split(separator: "?").first)
        return try #require(ProductID(String(path.split(separator: "/").last ?? "")))
    }

    static let apron: [(String, String)] = [
        ("title", "Linen Apron"), ("slug", "linen-apron"), ("tax_class", "reduced"),
        ("description", "Washed linen with deep pockets"), ("channel", "web"), ("option_type", "size"),
    ]

    @Test(
        "a new product is created as a draft with what was typed, and the list shows it",
        arguments: TestBackend.allCases)
    func create(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let kitchen = try await Self.category("Kitchen", on: platform)
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)

            let list = try await merch.get("/admin/catalog")
            #expect(list.text.contains("href=\"/admin/catalog/products/new\">New product</a>"))
            let form = try await merch.get("/admin/catalog/products/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("<option value=\"\(kitchen.rawValue)\">Kitchen</option>"))
            #expect(form.text.contains("<option value=\"reduced\">"), "the tax classes to choose from")
            #expect(form.text.contains("id=\"new-product-channel-web\" name=\"channel\" value=\"web\" checked"))
            #expect(form.text.contains("id=\"new-product-option-size\""), "the option types to choose from")

            let created = try await merch.post(
                "/admin/catalog/products", Self.apron + [("category_id", kitchen.rawValue)])
            #expect(created.status == .seeOther, "\(created.text)")
            let id = try Self.productID(redirectedTo: created.location)
            #expect(created.location == "/admin/catalog/products/\(id.rawValue)?edited=created")
            let product = try await Self.product(id, on: platform)
            #expect(product.title == "Linen Apron" && product.slug == "linen-apron")
            #expect(product.details.categoryID == kitchen && product.details.taxClass == "reduced")
            #expect(product.details.description == "Washed linen with deep pockets")
            #expect(product.status == .draft && product.channels == ["web"] && product.optionTypes == ["size"])

            let page = try await merch.get(try #require(created.location))
            #expect(page.text.contains("<h1 id=\"product-name\">Linen Apron</h1>"))
            #expect(page.text.contains("id=\"status-notice\"") && page.text.contains("was created as a draft"))
            #expect(page.text.contains("id=\"details-title\" name=\"title\" type=\"text\" value=\"Linen Apron\""))
            let after = try await merch.get("/admin/catalog?status=draft")
            #expect(
                after.text.contains(
                    "<a href=\"/admin/catalog/products/\(id.rawValue)\">Linen Apron</a><br><span class=\"small\">linen-apron</span>"
                ))

            // An empty handle is made from the title.
            let derived = try await merch.post("/admin/catalog/products", [("title", "Oak Board"), ("slug", "")])
            #expect(derived.status == .seeOther)
            #expect(
                try await Self.product(try Self.productID(redirectedTo: derived.location), on: platform).slug
                    == "oak-board")
        }
    }

    @Test(
        "a refused new product shows why beside the form with what was typed, and writes nothing",
        arguments: TestBackend.allCases)
    func createRefused(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)
            let before = try await Self.products(on: platform).count

            let taken = try await merch.post(
                "/admin/catalog/products", [("title", "Another Tee"), ("slug", "tee"), ("description", "Same handle")])
            #expect(taken.status == .conflict)
            #expect(taken.text.contains("id=\"new-product-error\""))
            #expect(taken.text.contains("A product with the slug tee exists already."))
            #expect(taken.text.contains("value=\"Another Tee\"") && taken.text.contains(">Same handle</textarea>"))

            let untitled = try await merch.post("/admin/catalog/products", [("title", " "), ("slug", "blank")])
            #expect(untitled.status == .unprocessableContent)
            #expect(untitled.text.contains("Title must not be empty."))
            let badHandle = try await merch.post(
                "/admin/catalog/products", [("title", "Lamp"), ("slug", "Desk Lamp!")])
            #expect(badHandle.status == .unprocessableContent)
            #expect(badHandle.text.contains("Slug must be lower-case letters, digits and single hyphens."))
            #expect(try await Self.products(on: platform).count == before)
        }
    }

    @Test(
        "the details and channels are saved; publishing without a variant is refused beside the form",
        arguments: TestBackend.allCases)
    func editAndPublish(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let kitchen = try await Self.category("Kitchen", on: platform)
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)
            let created = try await merch.post("/admin/catalog/products", [("title", "Empty Box"), ("channel", "web")])
            let id = try Self.productID(redirectedTo: created.location)
            let path = "/admin/catalog/products/\(id.rawValue)"

            let details: [(String, String)] = [
                ("title", "Box with Lid"), ("slug", "box-with-lid"), ("brand", "Nord"),
                ("category_id", kitchen.rawValue),
                ("tax_class", "reduced"), ("description", "Now with a lid"), ("purchasable_from", "2027-03-01T09:00"),
            ]
            let saved = try await merch.post(path + "/details", details)
            #expect(saved.status == .seeOther && saved.location == path + "?edited=details", "\(saved.text)")
            var product = try await Self.product(id, on: platform)
            #expect(
                product.title == "Box with Lid" && product.slug == "box-with-lid" && product.details.brand == "Nord")
            #expect(product.details.categoryID == kitchen && product.details.taxClass == "reduced")
            #expect(product.details.description == "Now with a lid")
            // 09:00 in Berlin in March is 08:00 UTC.
            #expect(product.details.purchasableFrom == Date(timeIntervalSince1970: 1_803_888_000))
            let page = try await merch.get(try #require(saved.location))
            #expect(page.text.contains("details were saved"))
            #expect(page.text.contains("name=\"purchasable_from\" type=\"datetime-local\" value=\"2027-03-01T09:00\""))
            #expect(page.text.contains("<option value=\"\(kitchen.rawValue)\" selected>Kitchen</option>"))

            let taken = try await merch.post(path + "/details", [("title", "Box Again"), ("slug", "tee")])
            #expect(taken.status == .conflict && taken.text.contains("id=\"details-error\""))
            #expect(
                taken.text.contains("A product with the slug tee exists already.")
                    && taken.text.contains("value=\"Box Again\""))
            let badDate = try await merch.post(
                path + "/details", Array(details.dropLast()) + [("purchasable_from", "soon")])
            #expect(badDate.status == .unprocessableContent && badDate.text.contains("Purchasable from must be a date"))
            product = try await Self.product(id, on: platform)
            #expect(product.title == "Box with Lid" && product.slug == "box-with-lid", "a refusal changes nothing")

            let channels = try await merch.post(path + "/channels", [("channel", "web"), ("channel", "app")])
            #expect(channels.location == path + "?edited=channels")
            #expect(try await Self.product(id, on: platform).channels == ["app", "web"])
            let channelPage = try await merch.get(path)
            #expect(channelPage.text.contains("id=\"channels-app\" name=\"channel\" value=\"app\" checked"))

            // The catalog refuses to publish a product without a variant; the page says why.
            let early = try await merch.post(path + "/status", [("status", "published")])
            #expect(early.status == .unprocessableContent && early.text.contains("id=\"status-problem\""))
            #expect(try await Self.product(id, on: platform).status == .draft)
            let variant = try await merch.post(path + "/variants", [("sku", "BOX-1"), ("weight_grams", "250")])
            #expect(variant.location == path + "?edited=variant", "\(variant.text)")
            let published = try await merch.post(path + "/status", [("status", "published")])
            #expect(published.status == .seeOther)
            #expect(try await Self.product(id, on: platform).status == .published)
        }
    }

    @Test(
        "staff who may only read the catalog see no forms and are refused every post; others see no catalog",
        arguments: TestBackend.allCases)
    func refusedWithoutPermission(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let tee = try await ConsoleCatalogPagesTests.productID(sku: "TEE-S", on: platform)
            let path = "/admin/catalog/products/\(tee.rawValue)"
            let before = try await Self.product(tee, on: platform)
            let posts: [(String, [(String, String)])] = [
                ("/admin/catalog/products", Self.apron),
                (path + "/details", [("title", "Renamed"), ("slug", "renamed")]),
                (path + "/channels", [("channel", "app")]),
                (path + "/variants", [("sku", "TEE-XL"), ("option_size", "s")]),
                (path + "/variants/generate", [("values_size", "s"), ("sku_base", "TEE2")]),
                (path + "/variants/\(shop.teeS.rawValue)", [("sku", "TEE-SMALL")]),
                (path + "/prices", Self.price("1.00", of: shop.teeS)),
            ]

            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let page = try await marketing.get(path)
            #expect(page.status == .ok && page.text.contains("<h1 id=\"product-name\">Organic Tee</h1>"))
            for form in [
                "details-save", "channels-save", "variant-add", "price-set", "edit-\(shop.teeS.rawValue)-save",
            ] {
                #expect(!page.text.contains("id=\"\(form)\""), "\(form) is not offered")
            }
            #expect(!(try await marketing.get("/admin/catalog")).text.contains("id=\"new-product-link\""))
            #expect(try await marketing.get("/admin/catalog/products/new").status == .forbidden)

            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            #expect(!(try await support.get("/admin")).text.contains("href=\"/admin/catalog\""))
            for browser in [marketing, support] {
                for (uri, fields) in posts {
                    let response = try await browser.post(uri, fields)
                    #expect(response.status == .forbidden, "\(uri)")
                }
            }
            #expect(try await Self.product(tee, on: platform) == before)
            #expect(try await Self.products(on: platform).count == 2)
            #expect(try await Self.variants(of: tee, on: platform).map(\.sku) == ["TEE-S", "TEE-M"])
            let history = try await platform.database.read { db in
                try await platform.catalog.priceHistory(of: shop.teeS, on: db)
            }
            #expect(history.count == 1, "only the import's price")
        }
    }

    @Test(
        "a catalog form without the form token is refused, and a signed-out browser is sent to sign in",
        arguments: TestBackend.allCases)
    func forgedAndSignedOut(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let tee = try await ConsoleCatalogPagesTests.productID(sku: "TEE-S", on: platform)
            let path = "/admin/catalog/products/\(tee.rawValue)"
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)
            let price = Self.price("1.00", of: shop.teeS)

            let forged = try await merch.post("/admin/catalog/products", Self.apron, withToken: false)
            #expect(forged.status == .forbidden && forged.text.contains("This form could not be accepted"))
            let forgedPrice = try await merch.post(path + "/prices", price, withToken: false)
            #expect(forgedPrice.status == .forbidden)
            let forgedDetails = try await merch.post(
                path + "/details", [("title", "Forged"), ("slug", "forged")], withToken: false)
            #expect(forgedDetails.status == .forbidden)

            let stranger = ConsoleBrowser(client: client, session: nil)
            let newPage = try await stranger.get("/admin/catalog/products/new")
            #expect(newPage.status == .seeOther)
            #expect(newPage.location == "/admin/login?next=/admin/catalog/products/new")
            let anonymous = try await stranger.post(path + "/prices", price)
            #expect(anonymous.location?.hasPrefix("/admin/login") == true)

            #expect(try await Self.products(on: platform).count == 2)
            #expect(try await Self.product(tee, on: platform).title == "Organic Tee")
            let history = try await platform.database.read { db in
                try await platform.catalog.priceHistory(of: shop.teeS, on: db)
            }
            #expect(history.count == 1)
        }
    }
}
