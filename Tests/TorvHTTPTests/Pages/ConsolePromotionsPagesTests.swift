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

/// The console's Promotions area: promotions with their coupons, campaigns, flash sales and group deals,
/// and who may see and change them.
@Suite("Console promotions pages")
struct ConsolePromotionsPagesTests {
    static func euros(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }

    static func money(_ minor: Int64) -> String { euros(minor).formatted(locale: Locale(identifier: "en_IE")) }

    @discardableResult
    static func promotion(
        _ name: String, action: PromotionAction = .percentOff(basisPoints: 1000),
        scope: LineScope = .everything, conditions: [PromotionCondition] = [], budget: PromotionBudget = .unlimited,
        active: Bool = true,
        campaign: CampaignID? = nil, on platform: Platform
    ) async throws -> PromotionRecord {
        try await platform.database.inTransaction { db in
            try await platform.promotions.create(
                Promotion(
                    id: "promo_new", name: name, label: name + " label", priority: 5, conditions: conditions,
                    scope: scope, action: action, budget: budget),
                isActive: active, campaignID: campaign, by: TestShop.actor, on: db
            ).record
        }
    }

    static func coupons(of id: String, on platform: Platform) async throws -> [Coupon] {
        try await platform.database.read { db in try await platform.promotions.coupons(of: id, limit: 500, on: db) }
    }

    static func record(_ id: String, on platform: Platform) async throws -> PromotionRecord {
        try await platform.database.read { db in try await platform.promotions.promotion(id, on: db) }
    }

    @Test(
        "the list describes each promotion in words with its budget and status, and filters by status",
        arguments: TestBackend.allCases)
    func list(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let now = platform.clock.now()
            try await Self.promotion(
                "Ten off", conditions: [.coupon, .minimumSubtotal(Self.euros(5000))],
                budget: PromotionBudget(maxDiscount: Self.euros(50_000), maxUses: 100), on: platform)
            try await Self.promotion("Ship free", action: .freeShipping, active: false, on: platform)
            try await Self.promotion(
                "Winter", action: .buyXGetY(buy: 2, get: 1, basisPointsOff: 10_000, maxApplications: nil),
                conditions: [.window(from: now.addingTimeInterval(86_400), until: nil)], on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)

            let all = try await marketing.get("/admin/promotions")
            #expect(all.status == .ok)
            #expect(all.text.contains("href=\"/admin/promotions\" aria-current=\"page\">Promotions"))
            #expect(
                all.text.contains(
                    "<td>10 % off on everything · with a coupon code · spending at least \(Self.money(5000))</td>"
                        + "<td>5</td><td>Combines with others</td><td>Always</td>"
                        + "<td>0 of 100 uses · \(Self.money(0)) of \(Self.money(50_000)) given</td>"), "\(all.text)")
            #expect(all.text.contains("<td>buy 2, get 1 free on everything</td>"))
            #expect(all.text.contains(">Running</span>") && all.text.contains(">Switched off</span>"))
            #expect(all.text.contains(">Scheduled</span>"))

            let off = try await marketing.get("/admin/promotions?status=off")
            #expect(off.text.contains("Ship free") && !off.text.contains("Ten off") && !off.text.contains("Winter"))
            #expect(off.text.contains("<option value=\"off\" selected>Switched off</option>"))
            let scheduled = try await marketing.get("/admin/promotions?status=scheduled")
            #expect(scheduled.text.contains("Winter") && !scheduled.text.contains("Ship free"))
            let usedUp = try await marketing.get("/admin/promotions?status=used_up")
            #expect(usedUp.text.contains("id=\"promotions-empty\"") && !usedUp.text.contains("id=\"promotion-table\""))
        }
    }

    @Test(
        "a promotion's page shows its rule, usage and coupons with their limits and expiry",
        arguments: TestBackend.allCases)
    func promotionPage(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await TestShop.seed(on: platform)
            let promotion = try await Self.promotion(
                "Ten off", conditions: [.coupon, .firstOrder],
                budget: PromotionBudget(maxUses: 20, maxUsesPerCustomer: 1), on: platform)
            _ = try await platform.database.inTransaction { db in
                try await platform.promotions.createCoupons(
                    for: promotion.id,
                    NewCoupons(codes: ["SPRING-10"], usageLimit: 5, perCustomerLimit: 1, expiresAt: nil),
                    by: TestShop.actor, on: db)
            }
            _ = try await platform.database.inTransaction { db in
                try await platform.promotions.createCoupons(
                    for: promotion.id,
                    NewCoupons(codes: ["SHORT-LIVED"], expiresAt: platform.clock.now().addingTimeInterval(60)),
                    by: TestShop.actor, on: db)
            }
            env.clock.advance(by: 120)
            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)

            let page = try await support.get("/admin/promotions/\(promotion.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1 id=\"promotion-name\">Ten off</h1>"))
            #expect(page.text.contains("<dt>Shoppers see</dt><dd>Ten off label</dd>"))
            #expect(
                page.text.contains("<li>with a coupon code</li>") && page.text.contains("<li>on a first order</li>"))
            #expect(page.text.contains("<span class=\"figure-value\">0 of 20</span>"))
            #expect(page.text.contains("<span class=\"figure-value\">at most 1 order</span>"))
            #expect(
                page.text.contains(
                    "<th scope=\"row\"><code>SPRING-10</code></th><td>0 of 5</td><td>1</td><td>never</td><td>Usable</td>"
                ),
                "\(page.text)")
            #expect(page.text.contains("<code>SHORT-LIVED</code></th><td>0 (no limit)</td><td>no limit</td>"))
            #expect(page.text.contains("<td>Expired</td>"))
            #expect(!page.text.contains("id=\"coupon-create\"") && !page.text.contains("id=\"switch-off\""))

            let csv = try await support.get("/admin/promotions/\(promotion.id)/coupons.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("\r\nSPRING-10,5,1,0,,yes\r\n"), "\(csv.text)")

            // 50 codes a page: a batch of 49 more makes 51, so the oldest code moves to a second page.
            _ = try await platform.database.inTransaction { db in
                try await platform.promotions.createCoupons(
                    for: promotion.id, NewCoupons(count: 49, prefix: "BULK"), by: TestShop.actor, on: db)
            }
            let first = try await support.get("/admin/promotions/\(promotion.id)")
            #expect(first.text.components(separatedBy: "<tr><th scope=\"row\"><code>").count - 1 == 50)
            #expect(!first.text.contains("<code>SPRING-10</code>"), "the oldest code is on the next page")
            let next = try #require(ConsoleCatalogPagesTests.href(ofID: "coupons-next", in: first.text))
            let second = try await support.get(next)
            #expect(second.text.components(separatedBy: "<tr><th scope=\"row\"><code>").count - 1 == 1)
            #expect(second.text.contains("<code>SPRING-10</code>") && !second.text.contains("id=\"coupons-next\""))

            let missing = try await support.get("/admin/promotions/promo_nothing")
            #expect(missing.status == .notFound)
        }
    }

    @Test(
        "staff without promotions.read are refused every promotions page and the navigation hides the area",
        arguments: TestBackend.allCases)
    func refused(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let promotion = try await Self.promotion("Ten off", on: platform)
            let warehouse = try await ConsoleBrowser.signIn(
                "wes@shop.example", roles: ["warehouse"], on: platform, client: client)
            let home = try await warehouse.get("/admin")
            #expect(home.status == .ok && !home.text.contains("href=\"/admin/promotions\""))
            for path in [
                "/admin/promotions", "/admin/promotions/\(promotion.id)",
                "/admin/promotions/\(promotion.id)/coupons.csv",
                "/admin/promotions/campaigns", "/admin/promotions/flash-sales", "/admin/promotions/group-deals",
            ] {
                #expect(try await warehouse.get(path).status == .forbidden, "\(path)")
            }
            let posted = try await warehouse.post("/admin/promotions/\(promotion.id)/coupons", [("code", "NOPE-1")])
            #expect(posted.status == .forbidden)

            // Support reads promotions but may not change them.
            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            #expect(try await support.get("/admin").text.contains("href=\"/admin/promotions\""))
            let switched = try await support.post("/admin/promotions/\(promotion.id)/switch", [("switch", "off")])
            #expect(switched.status == .forbidden)
            let created = try await support.post("/admin/promotions/\(promotion.id)/coupons", [("code", "NOPE-2")])
            #expect(created.status == .forbidden)
            let campaign = try await support.post(
                "/admin/promotions/campaigns",
                [
                    ("name", "Nope"), ("time_zone", "UTC"), ("starts_at", "2030-01-01T00:00"),
                    ("ends_at", "2030-01-02T00:00"),
                ])
            #expect(campaign.status == .forbidden)
            #expect(try await Self.record(promotion.id, on: platform).isActive)
            #expect(try await Self.coupons(of: promotion.id, on: platform).isEmpty)
            #expect(try await platform.database.read { db in try await platform.promotions.campaigns(on: db) }.isEmpty)
        }
    }

    @Test(
        "a signed-out browser is sent to sign in, and a form without the token is refused",
        arguments: TestBackend.allCases)
    func signedOutAndForged(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let promotion = try await Self.promotion("Ten off", on: platform)
            let stranger = ConsoleBrowser(client: client, session: nil)
            let list = try await stranger.get("/admin/promotions/flash-sales")
            #expect(list.status == .seeOther && list.location?.hasPrefix("/admin/login") == true)
            let posted = try await stranger.post("/admin/promotions/\(promotion.id)/switch", [("switch", "off")])
            #expect(posted.status == .seeOther && posted.location?.hasPrefix("/admin/login") == true)

            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let forged = try await marketing.post(
                "/admin/promotions/\(promotion.id)/switch", [("switch", "off")], withToken: false)
            #expect(forged.status == .forbidden && forged.text.contains("This form could not be accepted"))
            let forgedCoupon = try await marketing.post(
                "/admin/promotions/\(promotion.id)/coupons", [("count", "5")], withToken: false)
            #expect(forgedCoupon.status == .forbidden)
            #expect(try await Self.record(promotion.id, on: platform).isActive)
            #expect(try await Self.coupons(of: promotion.id, on: platform).isEmpty)
        }
    }
}
