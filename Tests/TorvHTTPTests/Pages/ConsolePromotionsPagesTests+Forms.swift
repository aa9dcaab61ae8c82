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

extension ConsolePromotionsPagesTests {
    @Test("switching a promotion off and on takes effect once per form", arguments: TestBackend.allCases)
    func switchOnce(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await TestShop.seed(on: platform)
            let promotion = try await Self.promotion("Ten off", on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let path = "/admin/promotions/\(promotion.id)"
            let page = try await marketing.get(path)
            #expect(page.text.contains("id=\"switch-off\"") && !page.text.contains("id=\"switch-on\""))

            let key = ConsoleBrowser.randomKey()
            let off = try await marketing.post(path + "/switch", [("switch", "off")], key: key)
            #expect(off.status == .seeOther && off.location == "\(path)?done=switched_off", "\(off.text)")
            let switchedAt = try await Self.record(promotion.id, on: platform).updatedAt
            env.clock.advance(by: 60)
            let again = try await marketing.post(path + "/switch", [("switch", "off")], key: key)
            #expect(again.status == .seeOther && again.location == off.location)
            let after = try await Self.record(promotion.id, on: platform)
            #expect(!after.isActive && after.updatedAt == switchedAt, "the repeat changed nothing")

            let shown = try await marketing.get(try #require(off.location))
            #expect(shown.text.contains("id=\"promotion-notice\"") && shown.text.contains(">Switched off</span>"))
            #expect(shown.text.contains("id=\"switch-on\""))
            let bad = try await marketing.post(path + "/switch", [("switch", "sideways")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"switch-error\""))
            let on = try await marketing.post(path + "/switch", [("switch", "on")])
            #expect(on.location == "\(path)?done=switched_on")
            #expect(try await Self.record(promotion.id, on: platform).isActive)
        }
    }

    @Test(
        "a batch of generated codes is created once, shown once with a CSV download, and listed after",
        arguments: TestBackend.allCases)
    func couponBatch(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let promotion = try await Self.promotion("Ten off", conditions: [.coupon], on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let path = "/admin/promotions/\(promotion.id)"
            let fields = [
                ("code", ""), ("count", "3"), ("prefix", "vip"), ("usage_limit", "1"), ("per_customer_limit", "1"),
                ("expires_at", "2099-12-31T23:59"),
            ]
            let key = ConsoleBrowser.randomKey()
            let first = try await marketing.post(path + "/coupons", fields, key: key)
            #expect(first.status == .created, "\(first.text)")
            let coupons = try await Self.coupons(of: promotion.id, on: platform)
            #expect(coupons.count == 3 && coupons.allSatisfy { $0.code.hasPrefix("VIP-") && $0.usageLimit == 1 })
            for coupon in coupons { #expect(first.text.contains("<li><code>\(coupon.code)</code></li>")) }
            let batch = try #require(coupons.first?.batchID)
            #expect(first.text.contains("href=\"\(path)/coupons.csv?batch=\(batch.rawValue)\" id=\"batch-csv\""))

            let repeated = try await marketing.post(path + "/coupons", fields, key: key)
            #expect(repeated.status == .seeOther && repeated.location == "\(path)?done=coupons_created")
            #expect(!repeated.text.contains(coupons[0].code), "the codes are shown once")
            #expect(try await Self.coupons(of: promotion.id, on: platform).count == 3, "created once")

            _ = try await platform.database.inTransaction { db in
                try await platform.promotions.createCoupons(
                    for: promotion.id, NewCoupons(codes: ["OTHER-1"]), by: TestShop.actor, on: db)
            }
            let csv = try await marketing.get("\(path)/coupons.csv?batch=\(batch.rawValue)")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 4 && lines[0] == "code,usage_limit,per_customer_limit,uses,expires_at,active")
            #expect(!csv.text.contains("OTHER-1"), "only the batch's codes")
            for coupon in coupons { #expect(csv.text.contains("\(coupon.code),1,1,0,")) }
            let page = try await marketing.get(path)
            for coupon in coupons { #expect(page.text.contains("<code>\(coupon.code)</code>")) }
        }
    }

    @Test(
        "one code of staff's choosing is created once; a taken code or a muddled form is refused with a message",
        arguments: TestBackend.allCases)
    func singleCoupon(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let promotion = try await Self.promotion("Ten off", conditions: [.coupon], on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let path = "/admin/promotions/\(promotion.id)/coupons"

            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let made = try await marketing.post(path, [("code", "summer-5"), ("usage_limit", "50")], key: key)
                #expect(made.status == .seeOther, "\(made.text)")
                #expect(made.location == "/admin/promotions/\(promotion.id)?done=coupon_created")
            }
            let coupons = try await Self.coupons(of: promotion.id, on: platform)
            #expect(coupons.map(\.code) == ["SUMMER-5"] && coupons.first?.usageLimit == 50)

            let taken = try await marketing.post(path, [("code", "SUMMER-5")])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.text.contains("SUMMER-5 is already a coupon code"), "\(taken.text)")
            let both = try await marketing.post(path, [("code", "AUTUMN-5"), ("count", "3")])
            #expect(both.status == .unprocessableContent)
            #expect(both.text.contains("Fill in either a code or how many codes to generate, not both."))
            #expect(both.text.contains("value=\"AUTUMN-5\""), "what was typed stays in the form")
            let badLimit = try await marketing.post(path, [("code", "AUTUMN-5"), ("usage_limit", "0")])
            #expect(badLimit.status == .unprocessableContent)
            #expect(badLimit.text.contains("Orders in all must be at least 1, or left out for no limit."))
            let past = try await marketing.post(path, [("code", "AUTUMN-5"), ("expires_at", "2001-01-01T00:00")])
            #expect(past.status == .unprocessableContent && past.text.contains("The expiry must be in the future."))
            let badCode = try await marketing.post(path, [("code", "no spaces allowed")])
            #expect(badCode.text.contains("The code must be 3 to 40 letters, digits or dashes."))
            #expect(try await Self.coupons(of: promotion.id, on: platform).count == 1)
        }
    }

    @Test(
        "a campaign is scheduled once in its time zone, listed with its state and shows its promotions",
        arguments: TestBackend.allCases)
    func campaigns(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let empty = try await marketing.get("/admin/promotions/campaigns")
            #expect(empty.text.contains("id=\"campaigns-empty\"") && empty.text.contains("id=\"campaign-create\""))

            let fields = [
                ("name", "Black Friday"), ("time_zone", "Europe/Berlin"), ("announce_at", "2099-11-20T00:00"),
                ("starts_at", "2099-11-27T00:00"), ("ends_at", "2099-11-30T23:59"),
            ]
            let key = ConsoleBrowser.randomKey()
            let made = try await marketing.post("/admin/promotions/campaigns", fields, key: key)
            #expect(made.status == .seeOther, "\(made.text)")
            let again = try await marketing.post("/admin/promotions/campaigns", fields, key: key)
            #expect(again.location == made.location)
            let campaigns = try await platform.database.read { db in try await platform.promotions.campaigns(on: db) }
            let campaign = try #require(campaigns.only)
            #expect(made.location == "/admin/promotions/campaigns/\(campaign.id.rawValue)?done=created")
            try await Self.promotion("Friday tenner", campaign: campaign.id, on: platform)
            try await Self.promotion("Everyday", on: platform)

            let page = try await marketing.get(try #require(made.location))
            #expect(page.text.contains("<h1 id=\"campaign-name\">Black Friday</h1>"))
            #expect(page.text.contains(">Scheduled</span>") && page.text.contains("id=\"campaign-notice\""))
            #expect(page.text.contains("<dt>Starts</dt><dd>27 November 2099 at 00:00</dd>"), "\(page.text)")
            #expect(page.text.contains("Friday tenner") && !page.text.contains("Everyday"))
            let list = try await marketing.get("/admin/promotions/campaigns")
            #expect(
                list.text.contains(
                    "Black Friday</a></th><td>20 November 2099 at 00:00</td><td>27 November 2099 at 00:00</td>"))
            let promotions = try await marketing.get("/admin/promotions")
            #expect(promotions.text.contains("while Black Friday runs"))

            let bad = try await marketing.post(
                "/admin/promotions/campaigns",
                [("name", "Oops"), ("time_zone", "Mars/Olympus"), ("starts_at", "2099-01-02T00:00"), ("ends_at", "")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("The time zone "), "\(bad.text)")
            #expect(bad.text.contains("value=\"Oops\""))
            #expect(
                try await platform.database.read { db in try await platform.promotions.campaigns(on: db) }.count == 1)
        }
    }
}

extension ConsolePromotionsPagesTests {
    @Test(
        "a promotion that would be a fake discount can always be switched off, but not on again while the shop refuses them",
        arguments: TestBackend.allCases)
    func switchFakeDiscount(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            func setMugPrice(_ minor: Int64) async throws {
                try await platform.database.inTransaction { db in
                    let list = try await platform.catalog.basePriceList(
                        channel: "web", currency: .eur, by: TestShop.actor, on: db)
                    _ = try await platform.catalog.setPrice(
                        Self.euros(minor), of: shop.mug, in: list.id, by: TestShop.actor, on: db)
                }
            }
            // Weeks at 9.00, then raised to 14.00 shortly before a 35 % reduction: 9.10 is no reduction.
            env.clock.advance(by: 28 * 86_400)
            try await setMugPrice(1_400)
            env.clock.advance(by: 21 * 86_400)
            let promotion = try await Self.promotion(
                "Mug deal", action: .percentOff(basisPoints: 3_500), scope: LineScope(variantIDs: [shop.mug.rawValue]),
                on: platform)
            _ = try await platform.database.inTransaction { db in
                try await platform.catalog.setHonestPriceSettings(
                    HonestPriceSettings(refusesFakeDiscounts: true), by: TestShop.actor, on: db)
            }
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let path = "/admin/promotions/\(promotion.id)"

            let off = try await marketing.post(path + "/switch", [("switch", "off")])
            #expect(off.status == .seeOther && off.location == "\(path)?done=switched_off", "\(off.text)")
            #expect(!(try await Self.record(promotion.id, on: platform).isActive))
            let on = try await marketing.post(path + "/switch", [("switch", "on")])
            #expect(on.status == .unprocessableContent && on.text.contains("id=\"switch-error\""), "\(on.text)")
            #expect(on.text.contains("shoppers paid"))
            #expect(!(try await Self.record(promotion.id, on: platform).isActive), "refused: still off")
        }
    }
}
