import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Payments
import Persistence
import Promotions
import TestSupport
import Testing
import TorvCore

extension ConsolePromotionsPagesTests {
    static func flashSale(_ shop: TestShop, on platform: Platform) async throws -> FlashSale {
        let now = platform.clock.now()
        return try await FlashSales.create(
            NewFlashSale(
                title: "Mug rush", variantID: shop.mug.rawValue, channel: "web", price: euros(450), quantity: 30,
                perCustomerLimit: 2, startsAt: now.addingTimeInterval(-60), endsAt: now.addingTimeInterval(3600),
                admissionsPerMinute: 120, holdMinutes: 5),
            by: TestShop.actor, on: platform
        ).sale
    }

    @Test(
        "flash sales are listed and shown with price against the regular one, allocation, sales and the queue",
        arguments: TestBackend.allCases)
    func flashSales(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            let empty = try await support.get("/admin/promotions/flash-sales")
            #expect(empty.text.contains("id=\"flash-empty\"") && !empty.text.contains("id=\"flash-create\""))
            let sale = try await Self.flashSale(shop, on: platform)

            let list = try await support.get("/admin/promotions/flash-sales")
            #expect(
                list.text.contains(
                    "Mug rush</a></th><td>MUG</td><td>\(Self.money(450))</td><td>30</td><td>0</td><td>30</td><td>2</td>"
                ),
                "\(list.text)")
            #expect(list.text.contains(">Live</span>"))
            let page = try await support.get("/admin/promotions/flash-sales/\(sale.id.rawValue)")
            #expect(page.status == .ok)
            #expect(page.text.contains("<dt>Sale price</dt><dd>\(Self.money(450))</dd>"))
            #expect(page.text.contains("<dt>Regular price now</dt><dd>\(Self.money(900))</dd>"), "\(page.text)")
            #expect(
                page.text.contains("<span class=\"figure-label\">Left</span> <span class=\"figure-value\">30</span>"))
            #expect(page.text.contains("<dt>Admitted per minute</dt><dd>120</dd>"))
            #expect(page.text.contains("<dt>Time to claim once admitted</dt><dd>5 minutes</dd>"))
            #expect(!page.text.contains("id=\"flash-cancel\""), "support may not call a sale off")
            let refused = try await support.post("/admin/promotions/flash-sales/\(sale.id.rawValue)/cancel")
            #expect(refused.status == .forbidden)
            #expect(try await support.get("/admin/promotions/flash-sales/flash_nothing").status == .notFound)
        }
    }

    @Test(
        "cancelling a flash sale takes effect once, and an ended sale offers no cancelling",
        arguments: TestBackend.allCases)
    func cancelFlashSale(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let sale = try await Self.flashSale(shop, on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let path = "/admin/promotions/flash-sales/\(sale.id.rawValue)"
            #expect(try await marketing.get(path).text.contains("id=\"flash-cancel\""))

            let key = ConsoleBrowser.randomKey()
            let first = try await marketing.post(path + "/cancel", key: key)
            #expect(first.status == .seeOther && first.location == "\(path)?done=cancelled", "\(first.text)")
            let cancelledAt = try await platform.database.read { db in
                try await platform.promotions.flashSale(sale.id, on: db).cancelledAt
            }
            env.clock.advance(by: 30)
            let second = try await marketing.post(path + "/cancel", key: key)
            #expect(second.status == .seeOther && second.location == first.location)
            let after = try await platform.database.read { db in
                try await platform.promotions.flashSale(sale.id, on: db)
            }
            #expect(after.cancelledAt != nil && after.cancelledAt == cancelledAt)
            let page = try await marketing.get(try #require(first.location))
            #expect(page.text.contains(">Cancelled</span>") && page.text.contains("id=\"flash-notice\""))
            #expect(!page.text.contains("id=\"flash-cancel\""))

            // A fresh key on a sale that cannot be called off any more: the reason is shown, nothing changes.
            let late = try await marketing.post(path + "/cancel")
            #expect(late.status == .conflict || late.status == .unprocessableContent, "\(late.status)")
            #expect(late.text.contains("Only a flash sale that has not ended can be called off."))
        }
    }

    @Test(
        "planning a flash sale from the list creates it once; an unknown SKU or a price that is no reduction is refused",
        arguments: TestBackend.allCases)
    func planFlashSale(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let list = try await marketing.get("/admin/promotions/flash-sales")
            #expect(
                list.text.contains("id=\"flash-create\"") && list.text.contains("<label for=\"flash-sku\">SKU</label>"))
            var fields = [
                ("title", "Mug hour"), ("sku", "MUG"), ("price", "4.50"), ("quantity", "10"),
                ("per_customer_limit", "1"), ("starts_at", "2099-06-01T10:00"), ("ends_at", "2099-06-01T11:00"),
                ("admissions_per_minute", "600"), ("hold_minutes", "10"), ("campaign_id", ""),
            ]
            let key = ConsoleBrowser.randomKey()
            let first = try await marketing.post("/admin/promotions/flash-sales", fields, key: key)
            #expect(first.status == .seeOther, "\(first.text)")
            let again = try await marketing.post("/admin/promotions/flash-sales", fields, key: key)
            #expect(again.location == first.location)
            let sales = try await platform.database.read { db in try await platform.promotions.flashSales(on: db) }
            let sale = try #require(sales.only)
            #expect(first.location == "/admin/promotions/flash-sales/\(sale.id.rawValue)")
            #expect(sale.sku == "MUG" && sale.quantity == 10 && sale.price == Self.euros(450))
            let page = try await marketing.get(try #require(first.location))
            #expect(
                page.text.contains("<h1 id=\"flash-name\">Mug hour</h1>") && page.text.contains(">Scheduled</span>"))
            #expect(page.text.contains("1 June 2099 at 10:00"), "the window in the shop's time zone")

            fields[1] = ("sku", "NOPE")
            let unknown = try await marketing.post("/admin/promotions/flash-sales", fields)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("No variant has the SKU"))
            #expect(unknown.text.contains("value=\"Mug hour\""), "what was typed stays in the form")
            fields[1] = ("sku", "MUG")
            fields[2] = ("price", "12.00")
            let dearer = try await marketing.post("/admin/promotions/flash-sales", fields)
            #expect(dearer.status == .unprocessableContent && dearer.text.contains("The sale price "), "\(dearer.text)")
            #expect(
                try await platform.database.read { db in try await platform.promotions.flashSales(on: db) }.count == 1)
        }
    }

    @Test(
        "group deals are listed and shown with participants against the minimum, tiers reached and each place",
        arguments: TestBackend.allCases)
    func groupDeals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let now = platform.clock.now()
            let deal = try await GroupDeals.create(
                GroupDealDraft(
                    title: "Mugs together", variantID: shop.mug.rawValue,
                    tiers: [
                        GroupDealTier(fromParticipants: 1, unitPrice: Self.euros(800)),
                        GroupDealTier(fromParticipants: 4, unitPrice: Self.euros(600)),
                    ],
                    minParticipants: 3, maxParticipants: 10, opensAt: now, deadline: now.addingTimeInterval(3600),
                    voucherValidDays: 30),
                by: TestShop.actor, on: platform)
            for _ in 0..<2 {
                _ = try await GroupDeals.join(
                    deal.id, customerID: CustomerID.generate().rawValue, cardNumber: TestCard.approves, on: platform)
            }
            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)

            let list = try await support.get("/admin/promotions/group-deals")
            #expect(
                list.text.contains(
                    "Mugs together</a></th><td>MUG</td><td>2 of at least 3, at most 10</td><td>\(Self.money(800))</td>"),
                "\(list.text)")
            #expect(list.text.contains(">Open</span>"))
            let page = try await support.get("/admin/promotions/group-deals/\(deal.id.rawValue)")
            #expect(page.status == .ok)
            #expect(
                page.text.contains(
                    "<span class=\"figure-label\">Still needed</span> <span class=\"figure-value\">1</span>"))
            #expect(
                page.text.contains("<tr><th scope=\"row\">from 1</th><td>\(Self.money(800))</td><td>Reached</td></tr>"))
            #expect(
                page.text.contains("<tr><th scope=\"row\">from 4</th><td>\(Self.money(600))</td><td>Not yet</td></tr>"))
            #expect(page.text.contains("<tr><th scope=\"row\">2</th>"), "\(page.text)")
            #expect(page.text.contains("<td>Joined</td>"))
            #expect(page.text.contains("Not settled yet"))

            // Past the deadline with too few: settlement fails the deal and releases every card.
            env.clock.advance(by: 3601)
            _ = try await GroupDeals.settleDue(on: platform)
            let failed = try await support.get("/admin/promotions/group-deals/\(deal.id.rawValue)")
            #expect(failed.text.contains(">Failed</span>"), "\(failed.text)")
            #expect(failed.text.contains("nobody was charged"))
            #expect(try await support.get("/admin/promotions/group-deals/gdeal_nothing").status == .notFound)
        }
    }
}

extension ConsolePromotionsPagesTests {
    @Test(
        "a succeeded deal shows its settlement, and a voucher is redeemed at the till once",
        arguments: TestBackend.allCases)
    func redeemVoucher(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let now = platform.clock.now()
            let deal = try await GroupDeals.create(
                GroupDealDraft(
                    title: "Two mugs", variantID: shop.mug.rawValue,
                    tiers: [GroupDealTier(fromParticipants: 1, unitPrice: Self.euros(700))], minParticipants: 2,
                    maxParticipants: nil, opensAt: now, deadline: now.addingTimeInterval(600), voucherValidDays: 30),
                by: TestShop.actor, on: platform)
            let buyers = [CustomerID.generate().rawValue, CustomerID.generate().rawValue]
            for buyer in buyers {
                _ = try await GroupDeals.join(deal.id, customerID: buyer, cardNumber: TestCard.approves, on: platform)
            }
            env.clock.advance(by: 601)
            _ = try await GroupDeals.settleDue(on: platform)
            let code = try #require(
                try await platform.database.read { db in
                    try await platform.promotions.groupDealVouchers(of: buyers[0], on: db)
                }.first?.voucher.code)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let path = "/admin/promotions/group-deals/\(deal.id.rawValue)"
            let settled = try await marketing.get(path)
            #expect(settled.text.contains(">Succeeded</span>"))
            #expect(settled.text.contains("2 participants charged \(Self.money(1400)) in all"), "\(settled.text)")
            #expect(settled.text.contains("<span class=\"figure-value\">0 of 2</span>"), "no voucher redeemed yet")

            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let redeemed = try await marketing.post(
                    "/admin/promotions/group-deals/vouchers", [("code", code)], key: key)
                #expect(
                    redeemed.status == .seeOther && redeemed.location == "\(path)?done=redeemed", "\(redeemed.text)")
            }
            let after = try await marketing.get("\(path)?done=redeemed")
            #expect(after.text.contains("id=\"deal-notice\"") && after.text.contains("1 of 2</span>"))
            let twice = try await marketing.post("/admin/promotions/group-deals/vouchers", [("code", code)])
            #expect(twice.status == .conflict && twice.text.contains("id=\"voucher-error\""))
            let unknown = try await marketing.post("/admin/promotions/group-deals/vouchers", [("code", "NOPE-NOPE")])
            #expect(unknown.status == .notFound && unknown.text.contains("id=\"voucher-error\""))

            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            let readOnly = try await support.get("/admin/promotions/group-deals")
            #expect(!readOnly.text.contains("id=\"voucher-redeem\"") && !readOnly.text.contains("id=\"deal-create\""))
            #expect(try await support.post("/admin/promotions/group-deals", [("title", "Nope")]).status == .forbidden)
            let refused = try await support.post("/admin/promotions/group-deals/vouchers", [("code", code)])
            #expect(refused.status == .forbidden)
        }
    }
}

extension ConsolePromotionsPagesTests {
    @Test(
        "setting up a group deal from the list creates it once with its tiers; impossible tiers are refused",
        arguments: TestBackend.allCases)
    func setUpGroupDeal(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let marketing = try await ConsoleBrowser.signIn(
                "ads@shop.example", roles: ["marketing"], on: platform, client: client)
            let list = try await marketing.get("/admin/promotions/group-deals")
            #expect(list.text.contains("id=\"deal-create\"") && list.text.contains("<label for=\"deal-tier-1-from\">"))
            var fields = [
                ("title", "Mug club"), ("sku", "MUG"), ("min_participants", "3"), ("max_participants", ""),
                ("max_quantity", "2"), ("opens_at", "2099-03-01T09:00"), ("deadline", "2099-03-08T21:00"),
                ("voucher_valid_days", "60"), ("tier_1_from", "1"), ("tier_1_price", "8.00"), ("tier_2_from", "5"),
                ("tier_2_price", "6.50"), ("tier_3_from", ""), ("tier_3_price", ""),
            ]
            let key = ConsoleBrowser.randomKey()
            let first = try await marketing.post("/admin/promotions/group-deals", fields, key: key)
            #expect(first.status == .seeOther, "\(first.text)")
            let again = try await marketing.post("/admin/promotions/group-deals", fields, key: key)
            #expect(again.location == first.location)
            let deals = try await GroupDeals.showing(on: platform, all: true)
            let deal = try #require(deals.only?.deal)
            #expect(first.location == "/admin/promotions/group-deals/\(deal.id.rawValue)")
            #expect(deal.tiers.map(\.unitPrice) == [Self.euros(800), Self.euros(650)] && deal.maxParticipants == nil)
            let page = try await marketing.get(try #require(first.location))
            #expect(
                page.text.contains("<tr><th scope=\"row\">from 5</th><td>\(Self.money(650))</td><td>Not yet</td></tr>"))
            #expect(page.text.contains("<dt>Deadline</dt><dd>8 March 2099 at 21:00</dd>"), "\(page.text)")

            fields[10] = ("tier_2_from", "2")
            let below = try await marketing.post("/admin/promotions/group-deals", fields)
            #expect(below.status == .unprocessableContent && below.text.contains("id=\"deal-form-error\""))
            #expect(below.text.contains("The price tiers "), "\(below.text)")
            fields[10] = ("tier_2_from", "5")
            fields[11] = ("tier_2_price", "cheap")
            let unreadable = try await marketing.post("/admin/promotions/group-deals", fields)
            #expect(unreadable.status == .unprocessableContent && unreadable.text.contains("must be written like 4.50"))
            #expect(try await GroupDeals.showing(on: platform, all: true).count == 1)
        }
    }
}
