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

extension ConsoleCatalogPagesTests {
    @Test(
        "the category tree leads to each category's products; a category is added once, under a parent; the catalog downloads as CSV",
        arguments: TestBackend.allCases)
    func categories(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            let tree = try await platform.database.read { db in try await platform.catalog.categoryTree(on: db) }
            let top = try #require(tree.first).category

            let page = try await owner.get("/admin/catalog/categories")
            #expect(page.status == .ok)
            #expect(page.text.contains("<a href=\"/admin/catalog?category=\(top.id.rawValue)\">\(top.name)</a>"))

            let taken = try await owner.post(
                "/admin/catalog/categories", [("name", "Another"), ("slug", top.slug), ("parent", "")])
            #expect(taken.status == .conflict || taken.status == .unprocessableContent)
            #expect(taken.text.contains("id=\"category-error\""))
            #expect(taken.text.contains("value=\"Another\""))

            let fields = [("name", "Rain Jackets"), ("slug", ""), ("parent", top.id.rawValue)]
            let key = ConsoleBrowser.randomKey()
            let added = try await owner.post("/admin/catalog/categories", fields, key: key)
            let again = try await owner.post("/admin/catalog/categories", fields, key: key)
            #expect(added.status == .seeOther && again.location == added.location)
            let categories = try await platform.database.read { db in try await platform.catalog.categories(on: db) }
            let jackets = categories.filter { $0.name == "Rain Jackets" }
            #expect(jackets.count == 1)
            #expect(jackets.first?.parentID == top.id && jackets.first?.slug == "rain-jackets")
            let after = try await owner.get(try #require(added.location))
            #expect(after.text.contains("id=\"category-notice\">The category was added.<"))
            #expect(
                after.text.contains(
                    "<ul><li><a href=\"/admin/catalog?category=\(try #require(jackets.first).id.rawValue)\">Rain Jackets</a>"
                ))

            let export = try await owner.get("/admin/catalog/export")
            #expect(export.status == .ok)
            #expect(export.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"catalog_") == true)
            #expect(export.text == (try await CatalogImport.export(on: platform)))
            #expect(export.text.contains("TEE-S"))

            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let readOnly = try await marketing.get("/admin/catalog/categories")
            #expect(readOnly.status == .ok && !readOnly.text.contains("id=\"category-form\""))
            let refused = try await marketing.post("/admin/catalog/categories", [("name", "Spam"), ("parent", "")])
            #expect(refused.status == .forbidden)
            let dock = try await ConsoleBrowser.signIn(
                "dock@shop.example", roles: ["warehouse"], on: platform, client: client)
            #expect(try await dock.get("/admin/catalog/export").status == .forbidden)
        }
    }
}
