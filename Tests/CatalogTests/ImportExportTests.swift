import Catalog
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("CSV import and export")
struct ImportExportTests {
    static let header =
        "handle,title,description,brand,status,category,tax_class,purchasable_from,channels,option1_name,option1_value,option2_name,option2_value,sku,barcode,weight_grams,channel,currency,price,image_url,image_alt,attribute:material:text"

    static let goodFile = """
        \(header)
        tee,Organic Tee,"Soft, heavy ""300 gsm"" cotton.
        Made to last.",Nord,published,Clothing > Shirts,standard,,web|app,Size,S,Colour,Red,TEE-S-RED,4006381333931,180,web,EUR,19.99,https://cdn.example/tee.jpg,"Tee, front",cotton
        tee,,,,,,,,,Size,S,Colour,Red,TEE-S-RED,4006381333931,180,app,EUR,18.99,https://cdn.example/tee-back.jpg,,
        tee,,,,,,,,,Size,M,Colour,Red,TEE-M-RED,,185,web,EUR,19.99,,,
        mug,Enamel Mug,,,draft,Kitchen,reduced,2030-01-01T00:00:00Z,web,,,,,MUG,,350,web,SEK,129,,,

        """

    static func importing(_ shop: Shop, _ csv: String, dryRun: Bool = false) async throws -> ImportReport {
        try await shop.write { catalog, db in
            try await catalog.importCatalog(csv: csv, dryRun: dryRun, by: .merchandiser, on: db)
        }
    }

    struct LaterFailure: Error {}

    static func failLater() throws { throw LaterFailure() }

    static func count(_ shop: Shop, _ table: String) async throws -> Int {
        try await shop.env.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self)
                ?? -1
        }
    }

    @Test("a good file creates products, variants, categories, options and prices", arguments: TestBackend.allCases)
    func goodImport(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let report = try await Self.importing(shop, Self.goodFile)
            #expect(report.problems.isEmpty)
            #expect(report.productsCreated == 2 && report.variantsCreated == 3 && report.prices == 4)
            let (tee, variants, categories, prices) = try await shop.read { catalog, db in
                let tee = try await catalog.product(slug: "tee", on: db)
                let variants = try await catalog.variants(of: tee.id, on: db)
                return (
                    tee, variants, try await catalog.categories(on: db),
                    try await catalog.prices(of: variants[0].id, on: db)
                )
            }
            #expect(
                tee.status == .published && tee.channels == ["app", "web"] && tee.optionTypes == ["size", "colour"])
            #expect(tee.details.description == "Soft, heavy \"300 gsm\" cotton.\nMade to last.")
            #expect(tee.details.media.map(\.altText) == ["Tee, front", ""])
            #expect(tee.details.attributes == ["material": .text("cotton")])
            #expect(CategoryTree.path(of: tee.details.categoryID!, in: categories) == ["Clothing", "Shirts"])
            #expect(variants.map(\.sku) == ["TEE-S-RED", "TEE-M-RED"])
            #expect(variants[0].barcode == "4006381333931" && variants[0].weightGrams == 180)
            #expect(Set(prices.map { $0.list.channel }) == ["web", "app"])
            #expect(try await shop.events(ProductPublished.eventType).count == 1)
            #expect(try await shop.events(PriceChanged.eventType).count == 4)
            #expect(try await shop.auditActions() == ["catalog.imported"])
        }
    }

    @Test(
        "a dry run lists every bad row with line, column and message, and writes nothing",
        arguments: TestBackend.allCases)
    func dryRun(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            try await shop.product("Taken", skus: ["TAKEN-1"])
            let csv = """
                \(Self.header)
                good,Good,,,draft,,standard,,web,,,,,GOOD-1,,,web,EUR,5.00,,,
                bad-status,Bad,,,sold,,luxury,yesterday,web|tv,,,,,BAD 1,123,-5,web,EUR,5.999,,,
                Bad Handle,X,,,,,,,,,,,,X-1,,,,,,,,
                twin,Twin,,,,,,,,Size,S,,,TAKEN-1,,,web,XXX,1,ftp://x,,
                twin,,,,,,,,,Size,S,,,TWIN-2,,,,,,,,
                ,No handle,,,,,,,,,,,,,,,,,,,,
                short,row
                """
            let report = try await Self.importing(shop, csv, dryRun: true)
            let found = report.problems.map { "\($0.line) \($0.column) \($0.code)" }
            #expect(
                found == [
                    "3 barcode invalid_barcode", "3 channels channel_not_found", "3 price invalid_amount",
                    "3 purchasable_from invalid_time", "3 sku invalid_sku", "3 status invalid_status",
                    "3 tax_class tax_class_not_found", "3 weight_grams out_of_range", "4 handle invalid_slug",
                    "5 currency invalid_currency", "5 image_url invalid_url", "5 sku sku_taken",
                    "6 option1_value duplicate_variant_options", "7 handle required", "8  field_count",
                ])
            #expect(report.problems.first { $0.column == "price" }?.message.contains("decimal places") == true)
            #expect(report.dryRun && report.productsCreated == 3)
            #expect(try await Self.count(shop, "catalog_products") == 1)
        }
    }

    @Test("a rejected import writes nothing, not even its good rows", arguments: TestBackend.allCases)
    func allOrNothing(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let bad = Self.goodFile + "broken,Broken,,,,,,,,,,,,BROKEN,,,web,EUR,abc,,,\n"
            var problems: [ImportProblem] = []
            do {
                _ = try await Self.importing(shop, bad)
                Issue.record("expected the import to be rejected")
            } catch CatalogError.importRejected(let found) {
                problems = found
            }
            #expect(problems.map(\.line) == [7])
            #expect(CatalogError.importRejected(problems).fieldErrors.map(\.pointer) == ["/lines/7/price"])
            for table in [
                "catalog_products", "catalog_variants", "catalog_categories", "catalog_option_types", "catalog_prices",
                "catalog_price_history", "outbox_events", "audit_log",
            ] {
                #expect(try await Self.count(shop, table) == 0, "\(table)")
            }
        }
    }

    @Test("a failure while applying rolls the whole import back", arguments: TestBackend.allCases)
    func failureWhileApplying(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            // The file is valid; the transaction fails after the import wrote everything.
            do {
                try await shop.write { catalog, db in
                    _ = try await catalog.importCatalog(csv: Self.goodFile, by: .merchandiser, on: db)
                    try Self.failLater()
                }
                Issue.record("expected the transaction to fail")
            } catch is LaterFailure {}
            #expect(try await Self.count(shop, "catalog_products") == 0)
            #expect(try await Self.count(shop, "catalog_price_history") == 0)
        }
    }

    @Test(
        "export and import round-trip to the same file, and re-importing changes nothing",
        arguments: TestBackend.allCases)
    func roundTrip(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            _ = try await Self.importing(shop, Self.goodFile)
            try await shop.write { catalog, db in
                let lamp = try await catalog.createProduct(
                    NewProduct(
                        ProductDetails(
                            title: "Desk Lamp", description: "  Leading spaces, \"quotes\", commas\r\nand lines.  ",
                            attributes: ["watts": .number(Decimal(string: "7.5")!), "dimmable": .boolean(false)],
                            media: (1...3).map {
                                MediaReference(url: "https://cdn.example/lamp-\($0).jpg", altText: "Lamp \($0)")
                            }),
                        channels: ["pos"], variants: [NewVariant(sku: "LAMP")]),
                    by: .merchandiser, on: db)
                _ = try await catalog.createProduct(
                    NewProduct(ProductDetails(title: "Gift Card")), by: .merchandiser, on: db)
                _ = try await catalog.archiveProduct(lamp.id, by: .merchandiser, on: db)
            }
            let exported = try await shop.read { catalog, db in try await catalog.exportCatalog(on: db) }
            #expect(exported.hasPrefix("handle,title,"))

            // Into an empty catalogue: the same file comes back out.
            try await withTestDatabase(on: backend) { other in
                let copy = Shop(other)
                let report = try await Self.importing(copy, exported)
                #expect(report.productsCreated == 4)
                #expect(try await copy.read { catalog, db in try await catalog.exportCatalog(on: db) } == exported)
            }

            // Into the same catalogue: everything matches, nothing changes.
            let events = try await Self.count(shop, "outbox_events")
            let again = try await Self.importing(shop, exported)
            #expect(
                again.productsCreated == 0 && again.productsUpdated == 4 && again.variantsCreated == 0
                    && again.prices == 0)
            #expect(try await Self.count(shop, "outbox_events") == events)
            #expect(try await shop.read { catalog, db in try await catalog.exportCatalog(on: db) } == exported)
        }
    }
}
