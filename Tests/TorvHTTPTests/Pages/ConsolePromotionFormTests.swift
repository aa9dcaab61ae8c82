import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Promotions
import TestSupport
import Testing
import TorvCore

/// Creating a promotion and changing its rule from the console, through the same domain validation and
/// fake-discount check as the admin API.
@Suite("Console promotion rule form")
struct ConsolePromotionFormTests {
    static func promotions(on platform: Platform) async throws -> [PromotionRecord] {
        try await platform.database.read { db in try await platform.promotions.promotions(on: db) }
    }

    static func clothing(on platform: Platform) async throws -> Category {
        try #require(
            try await platform.database.read { db in try await platform.catalog.categories(on: db) }.first {
                $0.name == "Clothing"
            })
    }

    static let tenOff: [(String, String)] = [
        ("name", "Ten off over 50"), ("label", "10 % off"), ("priority", "3"), ("stacking", "exclusive"),
        ("active", "on"), ("minimum_subtotal", "50.00"), ("action_kind", "percent_off"), ("percent_off", "10"),
        ("max_uses", "100"), ("starts_at", ""), ("ends_at", ""),
    ]

    @Test(
        "a percentage off the order with a minimum subtotal is created once, listed and described in words",
        arguments: TestBackend.allCases)
    func percentOff(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let list = try await marketing.get("/admin/promotions")
            #expect(list.text.contains("href=\"/admin/promotions/new\" id=\"promotion-new\""))
            let form = try await marketing.get("/admin/promotions/new")
            #expect(form.status == .ok && form.text.contains("action=\"/admin/promotions/new\""), "\(form.text)")
            #expect(form.text.contains("<option value=\"buy_x_get_y\">"))
            #expect(form.text.contains("<a href=\"/admin/promotions\">Promotions</a> › New promotion</p>"))
            #expect(form.text.contains("src=\"/assets/console-promotion-form.js\""))

            let key = ConsoleBrowser.randomKey()
            let created = try await marketing.post("/admin/promotions/new", Self.tenOff, key: key)
            #expect(created.status == .seeOther, "\(created.text)")
            let saved = try #require(try await Self.promotions(on: platform).first)
            #expect(created.location == "/admin/promotions/\(saved.id)?done=created")
            let repeated = try await marketing.post("/admin/promotions/new", Self.tenOff, key: key)
            #expect(repeated.status == .seeOther && repeated.location == created.location)
            #expect(try await Self.promotions(on: platform).count == 1, "the same form key creates one promotion")

            let promotion = saved.promotion
            #expect(saved.isActive && promotion.priority == 3 && promotion.stacking == .exclusive)
            #expect(promotion.action == .percentOff(basisPoints: 1000) && promotion.scope.coversEverything)
            #expect(promotion.conditions == [.minimumSubtotal(ConsolePromotionsPagesTests.euros(5000))])
            #expect(promotion.budget == PromotionBudget(maxUses: 100))

            let page = try await marketing.get(try #require(created.location))
            #expect(page.text.contains("id=\"promotion-notice\""))
            #expect(page.text.contains("<dt>Takes off</dt><dd>10 % off on everything</dd>"), "\(page.text)")
            #expect(page.text.contains("<li>spending at least \(ConsolePromotionsPagesTests.money(5000))</li>"))
            #expect(page.text.contains("<dt>Stacking</dt><dd>Exclusive</dd>"))
            #expect(page.text.contains("href=\"/admin/promotions/\(saved.id)/rule\" id=\"promotion-change-rule\""))
            let listed = try await marketing.get("/admin/promotions")
            #expect(
                listed.text.contains(
                    "<td>10 % off on everything · spending at least \(ConsolePromotionsPagesTests.money(5000))</td>"
                        + "<td>3</td><td>Exclusive</td>"), "\(listed.text)")
        }
    }

    @Test(
        "buy X get Y on a category, named by its handle, with a window typed in the shop's time zone",
        arguments: TestBackend.allCases)
    func buyXGetY(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let clothing = try await Self.clothing(on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let created = try await marketing.post(
                "/admin/promotions/new",
                [
                    ("name", "Three for two"), ("label", "3 for 2 on clothing"), ("priority", "0"),
                    ("stacking", "combinable"), ("active", "on"), ("categories", clothing.slug.uppercased()),
                    ("starts_at", "2099-07-01T09:00"), ("ends_at", "2099-07-31T18:00"), ("coupon_required", "on"),
                    ("action_kind", "buy_x_get_y"), ("buy", "2"), ("get", "1"), ("get_percent_off", "100"),
                    ("max_applications", "3"),
                    // Another kind's fields are ignored when it is not the chosen one.
                    ("percent_off", "999"),
                ])
            #expect(created.status == .seeOther, "\(created.text)")
            let saved = try #require(try await Self.promotions(on: platform).first).promotion
            #expect(saved.action == .buyXGetY(buy: 2, get: 1, basisPointsOff: 10_000, maxApplications: 3))
            #expect(saved.scope == LineScope(categoryIDs: [clothing.id.rawValue]))
            // 09:00 in Berlin in summer is 07:00 UTC.
            let from = try #require(ISO8601DateFormatter().date(from: "2099-07-01T07:00:00Z"))
            let until = try #require(ISO8601DateFormatter().date(from: "2099-07-31T16:00:00Z"))
            #expect(saved.conditions.contains(.window(from: from, until: until)) && saved.conditions.contains(.coupon))

            let page = try await marketing.get(try #require(created.location))
            #expect(
                page.text.contains(
                    "<dd>buy 2, get 1 free, at most 3 times per cart on 1 category</dd>"), "\(page.text)")
            #expect(page.text.contains("<li>with a coupon code</li>") && page.text.contains(">Scheduled</span>"))
        }
    }

    @Test(
        "refused input shows the form again as typed with a message per field, and saves nothing",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            func fields(_ changes: [String: String]) -> [(String, String)] {
                Self.tenOff.map { ($0.0, changes[$0.0] ?? $0.1) }
                    + changes.filter { change in !Self.tenOff.contains { $0.0 == change.key } }.map {
                        ($0.key, $0.value)
                    }
            }
            // The domain's own rules, reported together: a percentage over 100 and an end before the start.
            let key = ConsoleBrowser.randomKey()
            let domain = try await marketing.post(
                "/admin/promotions/new",
                fields([
                    "percent_off": "150", "starts_at": "2099-07-02T00:00", "ends_at": "2099-07-01T00:00",
                ]), key: key)
            #expect(domain.status == .unprocessableContent, "\(domain.text)")
            #expect(
                domain.text.contains(
                    "<span class=\"field-error\" id=\"rule-percent-off-error\">"
                        + "The percentage must be more than 0 and at most 100.</span>"), "\(domain.text)")
            #expect(
                domain.text.contains(
                    "<span class=\"field-error\" id=\"rule-ends-at-error\">The end must be after the start.</span>"))
            #expect(domain.text.contains("id=\"rule-problems\" role=\"alert\""))
            #expect(domain.text.contains("name=\"percent_off\" type=\"text\" value=\"150\""), "typed values stay")
            #expect(domain.text.contains("value=\"Ten off over 50\""))

            // What the form cannot read: an unknown category, a price that is not one, a missing gift SKU.
            let unread = try await marketing.post(
                "/admin/promotions/new",
                fields(["categories": "clothing-nope", "minimum_subtotal": "fifty", "max_uses": "lots"]))
            #expect(unread.status == .unprocessableContent)
            #expect(unread.text.contains("No category is known as \u{201C}clothing-nope\u{201D}."), "\(unread.text)")
            #expect(unread.text.contains("Minimum subtotal must be written like 4.50 (in EUR)."))
            #expect(unread.text.contains("Total uses must be a whole number, or empty for none."))
            let gift = try await marketing.post(
                "/admin/promotions/new", fields(["action_kind": "free_gift", "gift_sku": "NO-SUCH"]))
            #expect(gift.status == .unprocessableContent)
            #expect(gift.text.contains("No variant has the SKU \u{201C}NO-SUCH\u{201D}."))
            #expect(gift.text.contains("<option value=\"free_gift\" selected>"), "the chosen kind stays chosen")
            #expect(try await Self.promotions(on: platform).isEmpty, "nothing was saved")

            // A refused form may be corrected and sent again under its key.
            let corrected = try await marketing.post("/admin/promotions/new", Self.tenOff, key: key)
            #expect(corrected.status == .seeOther)
            #expect(try await Self.promotions(on: platform).count == 1)
        }
    }
}
