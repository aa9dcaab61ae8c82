import Catalog
import Checkout
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

extension ConsolePromotionFormTests {
    @Test(
        "a promotion made in the console discounts a cart priced by the shop's own cart flow",
        arguments: TestBackend.allCases)
    func discountsRealCart(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let clothing = try await Self.clothing(on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let created = try await marketing.post(
                "/admin/promotions/new",
                [
                    ("name", "Five off clothing"), ("label", "€5 off clothing"), ("priority", "0"),
                    ("stacking", "combinable"), ("active", "on"), ("categories", clothing.slug),
                    ("minimum_subtotal", "30.00"), ("action_kind", "amount_off_order"), ("amount_off_order", "5.00"),
                ])
            #expect(created.status == .seeOther, "\(created.text)")

            func cart(_ lines: [(VariantID, Int)]) async throws -> CartView {
                let made = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: platform)
                let access = CartAccess.guest(token: try #require(made.guestToken))
                for (variant, quantity) in lines {
                    _ = try await ShoppingCarts.addLine(
                        variant: variant.rawValue, quantity: quantity, to: made.cart.id, access: access, on: platform)
                }
                return try await ShoppingCarts.view(made.cart.id, access: access, on: platform)
            }
            // Two tees (2 × 19.99) reach the 30.00 minimum of clothing; the mug is not clothing.
            let qualifying = try await cart([(shop.teeS, 2), (shop.mug, 1)])
            #expect(qualifying.priced?.totals.discount == ConsolePromotionsPagesTests.euros(500))
            let short = try await cart([(shop.teeS, 1), (shop.mug, 3)])
            #expect(short.priced?.totals.discount == ConsolePromotionsPagesTests.euros(0), "one tee is below 30.00")
        }
    }

    @Test(
        "a promotion's rule is changed through the same form, filled in, keeping its switch",
        arguments: TestBackend.allCases)
    func changeRule(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let clothing = try await Self.clothing(on: platform)
            let record = try await ConsolePromotionsPagesTests.promotion(
                "Ten off", scope: LineScope(categoryIDs: [clothing.id.rawValue]),
                conditions: [.minimumQuantity(2), .coupon], active: false, on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let path = "/admin/promotions/\(record.id)/rule"
            let form = try await marketing.get(path)
            #expect(form.status == .ok, "\(form.text)")
            #expect(form.text.contains("name=\"categories\" type=\"text\" value=\"\(clothing.slug)\""), "\(form.text)")
            #expect(form.text.contains("name=\"percent_off\" type=\"text\" value=\"10\""))
            #expect(form.text.contains("name=\"minimum_quantity\" type=\"number\" value=\"2\""))
            #expect(form.text.contains("name=\"coupon_required\" value=\"on\" checked"))
            #expect(!form.text.contains("name=\"active\""), "the switch is on the promotion's page")
            #expect(form.text.contains("<a href=\"/admin/promotions/\(record.id)\">Ten off</a> › Change the rule</p>"))

            let changed = try await marketing.post(
                path,
                [
                    ("name", "Twelve and a half off"), ("label", "12.5 % off"), ("priority", "5"),
                    ("stacking", "combinable"), ("categories", clothing.slug), ("minimum_quantity", "3"),
                    ("coupon_required", "on"), ("action_kind", "percent_off"), ("percent_off", "12.5"),
                ])
            #expect(
                changed.status == .seeOther && changed.location == "/admin/promotions/\(record.id)?done=rule_changed")
            let saved = try await ConsolePromotionsPagesTests.record(record.id, on: platform)
            #expect(!saved.isActive, "changing the rule keeps the promotion switched off")
            #expect(saved.promotion.action == .percentOff(basisPoints: 1250))
            #expect(saved.promotion.conditions == [.minimumQuantity(3), .coupon])
            let page = try await marketing.get(try #require(changed.location))
            #expect(page.text.contains("<dd>12.5 % off on 1 category</dd>") && page.text.contains("buying at least 3"))
        }
    }

    @Test(
        "support may read promotions but not create one or change a rule; a signed-out or forged post is refused",
        arguments: TestBackend.allCases)
    func refusedStaff(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let record = try await ConsolePromotionsPagesTests.promotion("Ten off", on: platform)
            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            let list = try await support.get("/admin/promotions")
            #expect(list.status == .ok && !list.text.contains("id=\"promotion-new\""))
            let page = try await support.get("/admin/promotions/\(record.id)")
            #expect(page.status == .ok && !page.text.contains("id=\"promotion-change-rule\""))
            #expect(try await support.get("/admin/promotions/new").status == .forbidden)
            #expect(try await support.get("/admin/promotions/\(record.id)/rule").status == .forbidden)
            #expect(try await support.post("/admin/promotions/new", Self.tenOff).status == .forbidden)
            #expect(try await support.post("/admin/promotions/\(record.id)/rule", Self.tenOff).status == .forbidden)

            let stranger = ConsoleBrowser(client: client, session: nil)
            let signedOut = try await stranger.post("/admin/promotions/new", Self.tenOff)
            #expect(signedOut.status == .seeOther && signedOut.location?.hasPrefix("/admin/login") == true)
            let away = try await stranger.get("/admin/promotions/new")
            #expect(away.status == .seeOther && away.location?.hasPrefix("/admin/login") == true)

            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let forged = try await marketing.post("/admin/promotions/new", Self.tenOff, withToken: false)
            #expect(forged.status == .forbidden && forged.text.contains("This form could not be accepted"))
            let forgedRule = try await marketing.post(
                "/admin/promotions/\(record.id)/rule", Self.tenOff, withToken: false)
            #expect(forgedRule.status == .forbidden)
            let promotions = try await Self.promotions(on: platform)
            #expect(promotions.map(\.id) == [record.id] && promotions[0].promotion == record.promotion)
        }
    }

    @Test(
        "a reduction that would be a fake discount is refused as the API refuses it, next to its field",
        arguments: TestBackend.allCases)
    func fakeDiscount(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            // Weeks at 9.00, then raised to 14.00 shortly before the reduction: 35 % off (9.10) is none.
            env.clock.advance(by: 28 * 86_400)
            try await platform.database.inTransaction { db in
                let list = try await platform.catalog.basePriceList(
                    channel: "web", currency: .eur, by: TestShop.actor, on: db)
                _ = try await platform.catalog.setPrice(
                    ConsolePromotionsPagesTests.euros(1_400), of: shop.mug, in: list.id, by: TestShop.actor, on: db)
                _ = try await platform.catalog.setHonestPriceSettings(
                    HonestPriceSettings(refusesFakeDiscounts: true), by: TestShop.actor, on: db)
            }
            env.clock.advance(by: 21 * 86_400)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            func mugDeal(_ percent: String) -> [(String, String)] {
                [
                    ("name", "Mug deal"), ("label", "Mug \(percent) % off"), ("active", "on"), ("skus", "mug"),
                    ("action_kind", "percent_off"), ("percent_off", percent),
                ]
            }
            let fake = try await marketing.post("/admin/promotions/new", mugDeal("35"))
            #expect(fake.status == .unprocessableContent, "\(fake.text)")
            #expect(
                fake.text.contains(
                    "<span class=\"field-error\" id=\"rule-percent-off-error\">This reduction would be a fake discount: "
                ), "\(fake.text)")
            #expect(fake.text.contains("shoppers paid"))
            #expect(try await Self.promotions(on: platform).isEmpty, "refused: nothing saved")

            let honest = try await marketing.post("/admin/promotions/new", mugDeal("50"))
            #expect(honest.status == .seeOther, "\(honest.text)")
            let saved = try #require(try await Self.promotions(on: platform).first)
            #expect(saved.promotion.scope == LineScope(variantIDs: [shop.mug.rawValue]))
            // A real reduction after a raise is saved, with the raise pointed out.
            #expect(honest.location == "/admin/promotions/\(saved.id)?done=price_warnings")
            let page = try await marketing.get(try #require(honest.location))
            #expect(page.text.contains("Saved, with a warning: the regular price of something it reduces was raised"))
        }
    }
}
