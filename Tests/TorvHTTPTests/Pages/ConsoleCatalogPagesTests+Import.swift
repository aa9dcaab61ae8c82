import Catalog
import Flows
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import TorvCore

/// The CSV import page: a check that lists bad rows and writes nothing, an import that is all or nothing.
extension ConsoleCatalogPagesTests {
    @Test(
        "checking a CSV with a bad row shows its line and column and writes nothing; importing it is refused whole",
        arguments: TestBackend.allCases)
    func checkShowsProblems(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            var session = try await ConsolePagesTests.signIn("owner@shop.example", client: client)
            let before = try await Self.productCount(on: platform)
            let form = try await session.get("/admin/catalog/import", client: client)
            #expect(form.status == .ok && form.text.contains("<textarea id=\"import-csv\" name=\"csv\""))
            #expect(form.text.contains("type=\"file\"") && form.text.contains("src=\"/assets/console-import.js\""))
            #expect(form.text.contains("id=\"import-progress\" role=\"status\" aria-live=\"polite\""))
            let script = try await client.execute(uri: "/assets/console-import.js", method: .get)
            #expect(script.status == .ok && script.text.contains("FileReader"), "the file picker's script is served")
            let token = try #require(BrowserLikeSession.formToken(in: form.text))
            let csv = [
                Self.header,
                "lamp,Desk Lamp,,,draft,Home,standard,,web,,,LAMP,900,web,EUR,39.00",
                "vase,Glass Vase,,,draft,Home,standard,,web,,,VASE,700,web,EUR,twelve",
            ].joined(separator: "\n")

            let checked = try await session.post(
                "/admin/catalog/import", [("_form", token), ("csv", csv), ("intent", "check")], client: client)
            #expect(checked.status == .ok)
            #expect(checked.text.contains("id=\"check-result\"") && checked.text.contains("The file has 1 problem"))
            #expect(checked.text.contains("<tr><th scope=\"row\">3</th><td>price</td>"), "\(checked.text)")
            #expect(checked.text.contains("Checking wrote nothing"))
            #expect(checked.text.contains("<dt>Rows read</dt><dd>2</dd>"))
            #expect(checked.text.contains("twelve"), "the pasted file is kept for fixing")
            #expect(try await Self.productCount(on: platform) == before)

            let imported = try await session.post(
                "/admin/catalog/import", [("_form", token), ("csv", csv), ("intent", "import")], client: client)
            #expect(imported.status == .unprocessableContent)
            #expect(imported.text.contains("Nothing was imported") && imported.text.contains("wrote nothing"))
            #expect(imported.text.contains("<tr><th scope=\"row\">3</th><td>price</td>"))
            #expect(try await Self.productCount(on: platform) == before)

            let empty = try await session.post(
                "/admin/catalog/import", [("_form", token), ("csv", "\n"), ("file", "shop.csv"), ("intent", "check")],
                client: client)
            #expect(empty.status == .unprocessableContent && empty.text.contains("The file shop.csv was not read"))
        }
    }

    @Test("a good import writes every row and says what it wrote", arguments: TestBackend.allCases)
    func importWrites(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            var session = try await ConsolePagesTests.signIn("owner@shop.example", client: client)
            let before = try await Self.productCount(on: platform)
            let form = try await session.get("/admin/catalog/import", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: form.text))
            let csv = [
                Self.header,
                "lamp,Desk Lamp,,,published,Home,standard,,web,Colour,Black,LAMP-B,900,web,EUR,39.00",
                "lamp,,,,,,,,,Colour,White,LAMP-W,900,web,EUR,41.00",
                "mug,Stoneware Mug,Holds tea,Nord,published,Kitchen,reduced,,web,,,MUG,400,web,EUR,9.50",
            ].joined(separator: "\r\n")

            let imported = try await session.post(
                "/admin/catalog/import", [("_form", token), ("csv", csv), ("intent", "import")], client: client)
            #expect(imported.status == .seeOther, "\(imported.text)")
            let location = try #require(imported.headers[.location])
            #expect(location.hasPrefix("/admin/catalog/import?written=1"))
            let result = try await session.get(location, client: client)
            #expect(result.text.contains("id=\"import-result\"") && result.text.contains("Import finished"))
            for (label, count) in [
                ("Rows read", 3), ("Products created", 1), ("Products updated", 1), ("Variants created", 2),
                ("Variants updated", 1), ("Prices changed", 3),
            ] {
                #expect(result.text.contains("<dt>\(label)</dt><dd>\(count)</dd>"), "\(label)")
            }
            #expect(try await Self.productCount(on: platform) == before + 1)
            let lamp = try await Self.productID(sku: "LAMP-W", on: platform)
            #expect(try await Self.status(of: lamp, on: platform) == .published)
            let list = try await session.get("/admin/catalog?q=lamp", client: client)
            #expect(list.text.contains("Desk Lamp") && list.text.contains("\(Self.money(3900)) – \(Self.money(4100))"))
        }
    }
}
