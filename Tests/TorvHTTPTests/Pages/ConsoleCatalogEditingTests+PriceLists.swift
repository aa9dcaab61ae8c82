import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

extension ConsoleCatalogEditingTests {
    @Test(
        "a price set in a customer group's price list lands in that list; a currency not the list's is refused",
        arguments: TestBackend.allCases)
    func priceList(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 86_400)
            let members = try await platform.database.inTransaction { db in
                try await platform.catalog.createPriceList(
                    NewPriceList(name: "Members", channel: "web", currency: .eur, priority: 5, customerGroup: "vip"),
                    by: TestShop.actor, on: db)
            }
            let tee = try await ConsoleCatalogPagesTests.productID(sku: "TEE-S", on: platform)
            let path = "/admin/catalog/products/\(tee.rawValue)"
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)
            let page = try await merch.get(path)
            #expect(
                page.text.contains(
                    "<option value=\"\(members.id.rawValue)\">Members (web · EUR, customer group vip, priority 5)</option>"
                ))

            let set = try await merch.post(
                path + "/prices", Self.price("17.50", of: shop.teeS) + [("price_list_id", members.id.rawValue)])
            #expect(set.location == path + "?edited=price", "\(set.text)")
            let candidates = try await platform.database.read { db in
                try await platform.catalog.prices(of: shop.teeS, on: db)
            }
            let tiers = candidates.first { $0.list.id == members.id }?.tiers
            #expect(tiers == [PriceTier(fromQuantity: 1, unitPrice: Money(minorUnits: 1750, currency: .eur))])
            #expect(try await Self.basePrice(of: shop.teeS, on: platform) == 1999, "the base price stays")
            let after = try await merch.get(path)
            #expect(
                after.text.contains("<td>TEE-S</td><td>Members</td><td>1+</td><td>—</td>"), "the history names the list"
            )

            let sek = try await merch.post(
                path + "/prices",
                Self.price("170.00", of: shop.teeS, currency: "SEK") + [("price_list_id", members.id.rawValue)])
            #expect(
                sek.status == .unprocessableContent && sek.text.contains("The price list is in EUR, the price in SEK."))
            #expect(
                sek.text.contains("<option value=\"\(members.id.rawValue)\" selected>"), "the chosen list stays chosen")
            let gone = try await merch.post(
                path + "/prices", Self.price("1.00", of: shop.teeS) + [("price_list_id", "pl_nonsense")])
            #expect(gone.status == .unprocessableContent && gone.text.contains("There is no such price list."))
            #expect(try await Self.history(of: shop.teeS, on: platform).count == 2, "the import's price and 17.50")

            // The form's second button removes the tier; no amount is needed.
            let remove = [
                ("variant_id", shop.teeS.rawValue), ("price_list_id", members.id.rawValue), ("currency", "EUR"),
                ("amount", ""), ("from_quantity", "1"), ("intent", "remove"),
            ]
            let removed = try await merch.post(path + "/prices", remove)
            #expect(removed.location == path + "?edited=price_removed", "\(removed.text)")
            let remaining = try await platform.database.read { db in
                try await platform.catalog.prices(of: shop.teeS, on: db)
            }
            #expect(!remaining.contains { $0.list.id == members.id })
            let history = try await merch.get(path)
            #expect(
                history.text.contains(
                    "<td>Members</td><td>1+</td><td>\(ConsoleCatalogPagesTests.money(1750))</td><td>removed</td>"))
            #expect(try await merch.post(path + "/prices", remove).location == path + "?edited=no_such_price")
            #expect(try await Self.basePrice(of: shop.teeS, on: platform) == 1999)
        }
    }

    @Test(
        "a price list created on a product's page is offered by the price form; a window that ends first is refused",
        arguments: TestBackend.allCases)
    func createPriceList(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let tee = try await ConsoleCatalogPagesTests.productID(sku: "TEE-S", on: platform)
            let path = "/admin/catalog/products/\(tee.rawValue)"
            let merch = try await ConsoleBrowser.signIn(
                "merch@shop.example", roles: ["merchandiser"], on: platform, client: client)
            let page = try await merch.get(path)
            #expect(page.text.contains("id=\"price-list-create\""))
            let fields: [(String, String)] = [
                ("name", "Spring sale"), ("channel", "web"), ("currency", "EUR"), ("priority", "10"),
                ("customer_group", ""), ("starts_at", "2027-04-01T00:00"),
            ]
            let backwards = try await merch.post(path + "/price-lists", fields + [("ends_at", "2027-03-01T00:00")])
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("id=\"price-list-error\""))
            #expect(backwards.text.contains("Ends at must be after starts_at."), "\(backwards.text)")
            #expect(backwards.text.contains("value=\"Spring sale\"") && backwards.text.contains("catalog-edit\" open"))
            let noPriority = try await merch.post(path + "/price-lists", [("name", "X"), ("priority", "high")])
            #expect(noPriority.status == .unprocessableContent && noPriority.text.contains("whole number; higher wins"))

            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let created = try await merch.post(
                    path + "/price-lists", fields + [("ends_at", "2027-05-01T00:00")], key: key)
                #expect(created.location == path + "?edited=price_list", "\(created.text)")
            }
            let lists = try await platform.database.read { db in try await platform.catalog.priceLists(on: db) }
                .filter { !$0.isBase }
            let sale = try #require(lists.only, "one list however often the form is sent")
            #expect(sale.name == "Spring sale" && sale.priority == 10 && sale.customerGroup == nil)
            // Midnight in Berlin on 1 April 2027 (summer time) is 22:00 UTC the day before.
            #expect(sale.startsAt == Date(timeIntervalSince1970: 1_806_530_400))
            let after = try await merch.get(path + "?edited=price_list")
            #expect(
                after.text.contains("<option value=\"\(sale.id.rawValue)\">Spring sale (web · EUR, priority 10, until"))
        }
    }

    @Test(
        "staff who may manage products but not prices get every form but the price form",
        arguments: TestBackend.allCases)
    func productsWithoutPrices(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            // No built-in role splits the two permissions; a shop may define one.
            try await platform.database.inTransaction { db in
                try await db.raw(
                    """
                    INSERT INTO identity_roles (name, description, permissions)
                    VALUES ('copywriter', 'Product texts.', '["catalog.products.read","catalog.products.manage"]')
                    """
                ).run()
            }
            let tee = try await ConsoleCatalogPagesTests.productID(sku: "TEE-S", on: platform)
            let path = "/admin/catalog/products/\(tee.rawValue)"
            let writer = try await ConsoleBrowser.signIn(
                "words@shop.example", roles: ["copywriter"], on: platform, client: client)
            let page = try await writer.get(path)
            #expect(page.text.contains("id=\"details-save\"") && page.text.contains("id=\"variant-add\""))
            #expect(!page.text.contains("id=\"price-set\""), "no price form")

            let refused = try await writer.post(path + "/prices", Self.price("1.00", of: shop.teeS))
            #expect(refused.status == .forbidden)
            #expect(try await Self.basePrice(of: shop.teeS, on: platform) == 1999)
            let saved = try await writer.post(
                path + "/details", [("title", "Organic Tee, Washed"), ("slug", "tee"), ("tax_class", "standard")])
            #expect(saved.location == path + "?edited=details")
            #expect(try await Self.product(tee, on: platform).title == "Organic Tee, Washed")
        }
    }
}
