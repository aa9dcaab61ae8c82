import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

/// The fees page (the commission schedule, adding and removing rules, the fee calculator), a seller's
/// offers and their commission plan.
@Suite("Console marketplace fees and offers")
struct ConsoleMarketplaceFeesTests {
    static func rules(on platform: Platform) async throws -> [CommissionRule] {
        try await platform.database.read { db in try await platform.sellers.commissionRules(on: db) }
    }

    static func category(_ name: String, on platform: Platform) async throws -> String {
        let all = try await platform.database.read { db in try await platform.catalog.categories(on: db) }
        return try #require(all.first { $0.name == name }).id.rawValue
    }

    @Test(
        "the schedule reads in words; a rule is added once per form key and prices a sale at once; removing it undoes that",
        arguments: TestBackend.allCases)
    func addAndRemove(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            try await TestMarketplace.setCommission(on: platform)
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let handle = try await ConsoleMarketplacePagesTests.seller(nordic, on: platform).handle
            let kitchen = try await Self.category("Kitchen", on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let money = ConsoleMarketplacePagesTests.money

            let page = try await owner.get("/admin/marketplace/fees")
            #expect(page.status == .ok)
            #expect(page.text.contains(">Fees</a>"), "the marketplace tab")
            #expect(
                page.text.contains(
                    "<th scope=\"row\">plan standard <span class=\"small\">comr_standard</span></th>"
                        + "<td class=\"num\">10 %</td><td class=\"num\">\(money(30))</td><td class=\"num\">—</td>"))
            #expect(page.text.contains("id=\"fee-rule-form\""))

            // Without a category rule, two mugs at 9.00 pay the plan's 10 % + 0.30 per item.
            let quote =
                "/admin/marketplace/fees?quote_seller=\(handle)&quote_category=\(kitchen)"
                + "&quote_price=9.00&quote_quantity=2"
            let before = try await owner.get(quote)
            #expect(
                before.text.contains("<p id=\"quote-fee\">Fee: <strong>\(money(240))</strong></p>"), "\(before.text)")

            let key = ConsoleBrowser.randomKey()
            let fields = [("category", kitchen), ("percent", "12,5"), ("minimum_per_line", "1.00")]
            for _ in 0..<2 {
                let added = try await owner.post("/admin/marketplace/fees/rules", fields, key: key)
                #expect(added.status == .seeOther && added.location == "/admin/marketplace/fees?done=added")
            }
            let stored = try await Self.rules(on: platform)
            #expect(stored.count == 2, "posted twice with one key, added once")
            let rule = try #require(stored.last)
            #expect(rule.categoryID == kitchen && rule.percentBasisPoints == 1_250 && rule.sellerID == nil)
            #expect(rule.minimumPerLine == Money(minorUnits: 100, currency: .eur) && rule.fixedPerItem == nil)
            let after = try await owner.get("/admin/marketplace/fees?done=added")
            #expect(after.text.contains("id=\"fee-notice\""))
            #expect(after.text.contains("category Kitchen <span class=\"small\">\(rule.id)</span>"))
            // The nearer category rule now prices the same line: 12.5 % of 18.00.
            let priced = try await owner.get(quote)
            #expect(priced.text.contains("<p id=\"quote-fee\">Fee: <strong>\(money(225))</strong></p>"))
            #expect(priced.text.contains("rule \(rule.id)"))

            // A negotiated rate typed by the seller's handle names the seller.
            let negotiated = try await owner.post(
                "/admin/marketplace/fees/rules", [("seller", handle), ("percent", "8"), ("fixed_per_item", "0.10")])
            #expect(negotiated.status == .seeOther)
            #expect(try await Self.rules(on: platform).last?.sellerID == nordic.rawValue)
            #expect(try await owner.get("/admin/marketplace/fees").text.contains("seller Nordic Ceramics"))

            let removal = "/admin/marketplace/fees/rules/\(rule.id)/removal"
            let removeKey = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let removed = try await owner.post(removal, key: removeKey)
                #expect(removed.status == .seeOther && removed.location == "/admin/marketplace/fees?done=removed")
            }
            let left = try await Self.rules(on: platform)
            #expect(left.count == 2 && left.first?.id == "comr_standard" && left.last?.sellerID == nordic.rawValue)
            #expect(!left.contains { $0.id == rule.id })
        }
    }

    @Test(
        "a rule that is not a price, names nobody or repeats a scope is refused beside the form and writes nothing",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            try await TestMarketplace.setCommission(on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let path = "/admin/marketplace/fees/rules"

            let tooMuch = try await owner.post(path, [("percent", "150"), ("fixed_per_item", "-1")])
            #expect(tooMuch.status == .unprocessableContent)
            #expect(
                tooMuch.text.contains("id=\"fee-percent-problem\"") && tooMuch.text.contains("id=\"fee-fixed-problem\"")
            )
            #expect(tooMuch.text.contains("value=\"150\""), "what was typed is kept")

            let nobody = try await owner.post(path, [("seller", "no-such-seller"), ("percent", "5")])
            #expect(nobody.status == .unprocessableContent && nobody.text.contains("id=\"fee-seller-problem\""))

            let badPlan = try await owner.post(path, [("plan", "Gold Plan"), ("percent", "5")])
            #expect(badPlan.status == .unprocessableContent && badPlan.text.contains("id=\"fee-plan-problem\""))

            // The schedule has a rule for plan "standard" already: a second one would be ambiguous.
            let twice = try await owner.post(path, [("plan", "standard"), ("percent", "5")])
            #expect(twice.status == .unprocessableContent)
            #expect(twice.text.contains("id=\"fee-problem\"") && twice.text.contains("as rule 0 (comr_standard)"))

            let quote = try await owner.get(
                "/admin/marketplace/fees?quote_seller=nobody&quote_price=9.00&quote_quantity=1")
            #expect(quote.text.contains("id=\"quote-problem\"") && !quote.text.contains("id=\"quote-fee\""))

            #expect(try await Self.rules(on: platform).map(\.id) == ["comr_standard"])
        }
    }

    @Test(
        "staff without the fee permissions neither see nor change the schedule; forged and signed-out posts are refused",
        arguments: TestBackend.allCases)
    func refusedWithoutPermission(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            try await TestMarketplace.setCommission(on: platform)
            let moderator = try await ConsoleBrowser.signIn(
                "mod@shop.example", roles: ["moderator"], on: platform, client: client)
            #expect(try await moderator.get("/admin/marketplace/fees").status == .forbidden)
            let sellers = try await moderator.get("/admin/marketplace/sellers")
            #expect(sellers.status == .ok && !sellers.text.contains(">Fees</a>"), "no Fees tab")
            let refused = try await moderator.post("/admin/marketplace/fees/rules", [("percent", "1")])
            #expect(refused.status == .forbidden)
            let removal = try await moderator.post("/admin/marketplace/fees/rules/comr_standard/removal")
            #expect(removal.status == .forbidden)

            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let forged = try await owner.post(
                "/admin/marketplace/fees/rules/comr_standard/removal", withToken: false)
            #expect(forged.status == .forbidden && forged.text.contains("This form could not be accepted"))

            let stranger = ConsoleBrowser(client: client, session: nil)
            let signedOut = try await stranger.get("/admin/marketplace/fees")
            #expect(signedOut.status == .seeOther && signedOut.location?.hasPrefix("/admin/login") == true)
            #expect(try await Self.rules(on: platform).map(\.id) == ["comr_standard"])
        }
    }

    @Test(
        "a seller's offers are listed for the operator, and their plan changes once per form key",
        arguments: TestBackend.allCases)
    func offersAndPlan(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let quiet = try await TestMarketplace.approvedSeller("Quiet Goods", on: platform)
            _ = try await TestMarketplace.offer(shop.mug.rawValue, by: nordic, price: 1_250, quantity: 4, on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let path = "/admin/marketplace/sellers/\(nordic.rawValue)"

            let seller = try await owner.get(path)
            #expect(seller.text.contains("href=\"\(path)/offers\""))
            #expect(seller.text.contains("id=\"plan-form\"") && seller.text.contains("value=\"standard\""))
            let offers = try await owner.get(path + "/offers")
            #expect(offers.status == .ok)
            #expect(offers.text.contains("Stoneware Mug</a></th><td>MUG</td><td>New</td>"))
            #expect(
                offers.text.contains(
                    "<td class=\"num\">\(ConsoleMarketplacePagesTests.money(1_250))</td><td class=\"num\">4</td>"))
            #expect(offers.text.contains(">On sale</span>"))
            let none = try await owner.get("/admin/marketplace/sellers/\(quiet.rawValue)/offers")
            #expect(none.text.contains("id=\"offers-empty\"") && !none.text.contains("id=\"seller-offer-table\""))
            #expect(try await owner.get("/admin/marketplace/sellers/sel_nosuchseller/offers").status == .notFound)

            let bad = try await owner.post(path + "/plan", [("plan", "Gold Plan")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"plan-problem\""))
            #expect(bad.text.contains("value=\"Gold Plan\""))
            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let moved = try await owner.post(path + "/plan", [("plan", "pro")], key: key)
                #expect(moved.status == .seeOther && moved.location == path + "?plan=1")
            }
            #expect(try await ConsoleMarketplacePagesTests.seller(nordic, on: platform).plan == "pro")
            let changes = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'seller.plan_changed'")
                    .first()?.decode(column: "n", as: Int.self)
            }
            #expect(changes == 1, "posted twice with one key, changed once")

            // A moderator reads the offers but may not move the plan.
            let moderator = try await ConsoleBrowser.signIn(
                "mod@shop.example", roles: ["moderator"], on: platform, client: client)
            #expect(try await moderator.get(path + "/offers").status == .ok)
            #expect(!(try await moderator.get(path)).text.contains("id=\"plan-form\""))
            #expect(try await moderator.post(path + "/plan", [("plan", "basic")]).status == .forbidden)
            #expect(try await ConsoleMarketplacePagesTests.seller(nordic, on: platform).plan == "pro")
        }
    }
}
