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

extension ConsoleCatalogEditingTests {
    /// Sizes S, M and L, colours red and blue: the seeded shop has only S and M.
    static func addOptions(on platform: Platform) async throws {
        try await platform.database.inTransaction { db in
            _ = try await platform.catalog.addOptionValue(
                OptionValue(code: "l", name: "L"), to: "size", by: TestShop.actor, on: db)
            _ = try await platform.catalog.createOptionType(
                OptionType(
                    code: "colour", name: "Colour",
                    values: [OptionValue(code: "red", name: "Red"), OptionValue(code: "blue", name: "Blue")]),
                by: TestShop.actor, on: db)
        }
    }

    static func history(of variant: VariantID, on platform: Platform) async throws -> [PriceChange] {
        try await platform.database.read { db in try await platform.catalog.priceHistory(of: variant, on: db) }
    }

    /// The variant's single-unit price in the web channel's EUR base list.
    static func basePrice(of variant: VariantID, on platform: Platform) async throws -> Int64? {
        let candidates = try await platform.database.read { db in try await platform.catalog.prices(of: variant, on: db)
        }
        return candidates.first { $0.list.isBase && $0.list.channel == "web" && $0.list.currency == .eur }?
            .tiers.first { $0.fromQuantity == 1 }?.unitPrice.amount
    }

    /// The price form's fields as a browser sends them.
    static func price(
        _ amount: String, of variant: VariantID, channel: String = "web", currency: String = "EUR", from: String = "1"
    ) -> [(String, String)] {
        [
            ("variant_id", variant.rawValue), ("channel", channel), ("currency", currency), ("amount", amount),
            ("from_quantity", from),
        ]
    }

    @Test(
        "a variant is added with its option values, the rest are generated, and one is edited",
        arguments: TestBackend.allCases)
    func variants(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            try await Self.addOptions(on: platform)
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)
            let created = try await merch.post(
                "/admin/catalog/products",
                [("title", "Linen Apron"), ("option_type", "size"), ("option_type", "colour"), ("channel", "web")])
            let id = try Self.productID(redirectedTo: created.location)
            let path = "/admin/catalog/products/\(id.rawValue)"
            let page = try await merch.get(path)
            #expect(page.text.contains("<select id=\"variant-option-colour\" name=\"option_colour\">"))
            #expect(page.text.contains("id=\"generate-size-l\" name=\"values_size\" value=\"l\""))

            let added = try await merch.post(
                path + "/variants",
                [("sku", "APRON-S-RED"), ("option_size", "s"), ("option_colour", "red"), ("weight_grams", "300")])
            #expect(added.location == path + "?edited=variant", "\(added.text)")
            let taken = try await merch.post(
                path + "/variants", [("sku", "TEE-S"), ("option_size", "m"), ("option_colour", "blue")])
            #expect(taken.status == .conflict && taken.text.contains("id=\"variant-error\""))
            #expect(taken.text.contains("The SKU TEE-S is in use already.") && taken.text.contains("value=\"TEE-S\""))
            #expect(try await Self.variants(of: id, on: platform).map(\.sku) == ["APRON-S-RED"])

            let none = try await merch.post(
                path + "/variants/generate", [("values_size", "s"), ("values_size", "m"), ("sku_base", "APRON")])
            #expect(
                none.status == .unprocessableContent && none.text.contains("Tick at least one value of each option."))
            #expect(none.text.contains("id=\"generate-size-m\" name=\"values_size\" value=\"m\" checked"), "ticks kept")
            let values =
                [("values_size", "s"), ("values_size", "m"), ("values_size", "l")]
                + [("values_colour", "red"), ("values_colour", "blue"), ("sku_base", "APRON"), ("weight_grams", "300")]
            let generated = try await merch.post(path + "/variants/generate", values)
            #expect(generated.location == path + "?edited=variants", "\(generated.text)")
            let skus = try await Self.variants(of: id, on: platform).map(\.sku)
            #expect(skus.count == 6 && skus.first == "APRON-S-RED", "the existing combination is kept: \(skus)")
            #expect(Set(skus).isSuperset(of: ["APRON-L-BLUE", "APRON-M-RED", "APRON-S-BLUE"]))
            let again = try await merch.post(path + "/variants/generate", values)
            #expect(again.location == path + "?edited=no_new_variants")

            let blue = try #require(try await Self.variants(of: id, on: platform).first { $0.sku == "APRON-L-BLUE" })
            let edit = path + "/variants/\(blue.id.rawValue)"
            let heavy = try await merch.post(
                edit, [("sku", "APRON-L-BLUE"), ("barcode", ""), ("weight_grams", "heavy")])
            #expect(heavy.status == .unprocessableContent)
            #expect(
                heavy.text.contains("id=\"edit-\(blue.id.rawValue)-error\"")
                    && heavy.text.contains("whole number of grams"))
            #expect(heavy.text.contains("<details class=\"catalog-edit\" open>"), "the refused form is open")
            let saved = try await merch.post(
                edit, [("sku", "APRON-LARGE-BLUE"), ("barcode", ""), ("weight_grams", "320")])
            #expect(saved.location == path + "?edited=variant_changed", "\(saved.text)")
            let changed = try await platform.database.read { db in try await platform.catalog.variant(blue.id, on: db) }
            #expect(changed.sku == "APRON-LARGE-BLUE" && changed.weightGrams == 320 && changed.barcode == nil)
            let after = try await merch.get(try #require(saved.location))
            #expect(after.text.contains("<tr><th scope=\"row\">APRON-LARGE-BLUE</th><td>Size: L, Colour: Blue</td>"))
        }
    }

    @Test(
        "a price typed as 24.99 is set in minor units and shows in the price history; a bad amount changes nothing",
        arguments: TestBackend.allCases)
    func prices(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 86_400)
            let tee = try await ConsoleCatalogPagesTests.productID(sku: "TEE-S", on: platform)
            let path = "/admin/catalog/products/\(tee.rawValue)"
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)
            let page = try await merch.get(path)
            #expect(page.text.contains("<option value=\"\(shop.teeS.rawValue)\">TEE-S</option>"))
            #expect(page.text.contains("id=\"price-currency\" name=\"currency\" type=\"text\" value=\"EUR\""))
            func price(_ amount: String) -> [(String, String)] { Self.price(amount, of: shop.teeS) }

            let set = try await merch.post(path + "/prices", price("24.99"))
            #expect(set.location == path + "?edited=price", "\(set.text)")
            #expect(try await Self.basePrice(of: shop.teeS, on: platform) == 2499)
            let after = try await merch.get(path + "?edited=price")
            #expect(after.text.contains("price history shows the change"))
            let money = ConsoleCatalogPagesTests.money
            #expect(
                after.text.contains(
                    "<td>TEE-S</td><td>web EUR</td><td>1+</td><td>\(money(1999))</td><td>\(money(2499))</td></tr>"))

            for (typed, reason) in [
                ("twelve", "is not a plain decimal number"), ("12.345", "more than 2 decimal places"),
            ] {
                let refused = try await merch.post(path + "/prices", price(typed))
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("id=\"price-error\"") && refused.text.contains(reason), "\(typed)")
                #expect(refused.text.contains("id=\"price-amount\" name=\"amount\" type=\"text\" value=\"\(typed)\""))
            }
            let euro = try await merch.post(path + "/prices", Self.price("5.00", of: shop.teeS, currency: "EURO"))
            #expect(euro.status == .unprocessableContent && euro.text.contains("ISO 4217"))
            let moon = try await merch.post(path + "/prices", Self.price("5.00", of: shop.teeS, channel: "moon"))
            #expect(moon.status == .unprocessableContent && moon.text.contains("There is no sales channel moon."))
            let mug = try await merch.post(path + "/prices", Self.price("5.00", of: shop.mug))
            #expect(mug.status == .unprocessableContent, "a variant of another product is refused")
            #expect(try await Self.basePrice(of: shop.teeS, on: platform) == 2499)
            #expect(try await Self.basePrice(of: shop.mug, on: platform) == 900)
            #expect(try await Self.history(of: shop.teeS, on: platform).count == 2, "the import's price and 24.99")

            let same = try await merch.post(path + "/prices", price("24.99"))
            #expect(same.location == path + "?edited=price_unchanged")
            let tier = try await merch.post(path + "/prices", Self.price("22.00", of: shop.teeS, from: "10"))
            #expect(tier.location == path + "?edited=price")
            #expect(try await Self.history(of: shop.teeS, on: platform).count == 3)
        }
    }

    @Test("each catalog form sent twice with one key takes effect once", arguments: TestBackend.allCases)
    func once(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 86_400)
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)

            let createKey = ConsoleBrowser.randomKey()
            let first = try await merch.post("/admin/catalog/products", Self.apron, key: createKey)
            let second = try await merch.post("/admin/catalog/products", Self.apron, key: createKey)
            #expect(first.status == .seeOther && second.status == .seeOther && first.location == second.location)
            #expect(try await Self.products(on: platform).filter { $0.title == "Linen Apron" }.count == 1)
            let id = try Self.productID(redirectedTo: first.location)
            let path = "/admin/catalog/products/\(id.rawValue)"

            let variantKey = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let added = try await merch.post(
                    path + "/variants", [("sku", "APRON-S"), ("option_size", "s")], key: variantKey)
                #expect(added.location == path + "?edited=variant", "the repeat is not refused as a taken SKU")
            }
            #expect(try await Self.variants(of: id, on: platform).count == 1)

            // The same price form sent again after another change does not put its price back.
            let tee = try await ConsoleCatalogPagesTests.productID(sku: "TEE-S", on: platform)
            let prices = "/admin/catalog/products/\(tee.rawValue)/prices"
            func price(_ amount: String) -> [(String, String)] { Self.price(amount, of: shop.teeS) }
            let priceKey = ConsoleBrowser.randomKey()
            #expect(try await merch.post(prices, price("24.99"), key: priceKey).status == .seeOther)
            #expect(try await merch.post(prices, price("26.00")).status == .seeOther)
            let repeated = try await merch.post(prices, price("24.99"), key: priceKey)
            #expect(repeated.location == "/admin/catalog/products/\(tee.rawValue)?edited=price")
            #expect(try await Self.basePrice(of: shop.teeS, on: platform) == 2600)
            #expect(try await Self.history(of: shop.teeS, on: platform).count == 3)

            // A refused form may be sent again with the same key once corrected.
            let fixKey = ConsoleBrowser.randomKey()
            #expect(try await merch.post(prices, price("twelve"), key: fixKey).status == .unprocessableContent)
            let reused = try await merch.post(prices, price("12.00"), key: fixKey)
            #expect(reused.status == .seeOther, "\(reused.text)")
            #expect(try await Self.basePrice(of: shop.teeS, on: platform) == 1200)
        }
    }
}
