import Catalog
import Checkout
import Flows
import Foundation
import Identity
import Inventory
import Orders
import Payments
import Persistence
import Promotions
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Flash sales end to end: units held apart from regular stock, a waiting room that admits in arrival
/// order, claims that never pass the allocation or a customer's limit, and checkout at the flash price.
@Suite("Flash sales")
struct FlashSaleTests {
    static let staff = AuditActor(kind: "staff", id: "stf_marketing")

    static func euros(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }

    static let ada = CustomerID.generate().rawValue
    static let bo = CustomerID.generate().rawValue

    /// Mugs (9.00) at 4.50, starting a minute from now, for an hour.
    static func mugSale(
        _ shop: TestShop, quantity: Int = 3, limit: Int = 1, perMinute: Int = 60, on platform: Platform
    ) async throws -> FlashSale {
        let now = platform.clock.now()
        return try await FlashSales.create(
            NewFlashSale(
                title: "Mug rush", variantID: shop.mug.rawValue, channel: "web", price: euros(450), quantity: quantity,
                perCustomerLimit: limit, startsAt: now.addingTimeInterval(60), endsAt: now.addingTimeInterval(3600),
                admissionsPerMinute: perMinute, holdMinutes: 10),
            by: staff, on: platform
        ).sale
    }

    /// A signed-in customer's cart with `mugs` mugs, ready for checkout.
    static func customerCart(
        _ customer: String, _ shop: TestShop, mugs: Int = 1, on platform: Platform
    ) async throws -> (CartID, CartAccess) {
        let created = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: customer, on: platform)
        let access = CartAccess.customer(customer)
        let id = created.cart.id
        _ = try await ShoppingCarts.addLine(
            variant: shop.mug.rawValue, quantity: mugs, to: id, access: access, on: platform)
        _ = try await ShoppingCarts.setContact(
            email: "shopper@example.com", phone: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(.shipping(shop.parcel), in: id, access: access, on: platform)
        return (id, access)
    }

    /// Sets the mug's price in the web shop's base list, as staff would (it lands in the price history).
    static func setMugPrice(_ price: Money, _ shop: TestShop, on platform: Platform) async throws {
        try await platform.database.inTransaction { db in
            let list = try await platform.catalog.basePriceList(
                channel: "web", currency: .eur, by: TestShop.actor, on: db)
            _ = try await platform.catalog.setPrice(price, of: shop.mug, in: list.id, by: TestShop.actor, on: db)
        }
    }

    static func available(_ sku: String, on platform: Platform) async throws -> Int {
        try await platform.database.read { db in
            try await platform.inventory.availability(of: [sku], on: db).first?.inStock ?? 0
        }
    }

    @Test(
        "a flash sale holds its units apart, admits shoppers in arrival order, prices the claimed unit and sells it once",
        arguments: TestBackend.allCases)
    func endToEnd(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let before = try await Self.available("MUG", on: platform)
            let sale = try await Self.mugSale(shop, on: platform)
            #expect(try await Self.available("MUG", on: platform) == before - 3)

            // Not yet open: no queue.
            await #expect(throws: FlashSaleError.notStarted(startsAt: sale.startsAt)) {
                _ = try await FlashSales.join(sale.id, customerID: Self.ada, clientAddress: nil, on: platform)
            }
            env.clock.advance(by: 60)
            let ada = try await FlashSales.join(sale.id, customerID: Self.ada, clientAddress: "10.0.0.1", on: platform)
            let bo = try await FlashSales.join(sale.id, customerID: Self.bo, clientAddress: "10.0.0.2", on: platform)
            #expect(ada.ticket.position == 1 && bo.ticket.position == 2)
            #expect(ada.status.name == "admitted")
            guard case .waiting(let ahead, let admissionAt) = bo.status else {
                Issue.record("Bo should wait: \(bo.status)")
                return
            }
            #expect(ahead == 0 && admissionAt == sale.startsAt.addingTimeInterval(1))
            // Bo cannot claim before his turn, and a stolen token is no good to anyone else.
            await #expect(throws: FlashSaleError.notYetAdmitted(admissionAt: admissionAt)) {
                _ = try await FlashSales.claim(
                    sale.id, customerID: Self.bo, token: bo.ticket.token ?? "", quantity: 1, on: platform)
            }
            await #expect(throws: FlashSaleError.invalidToken) {
                _ = try await FlashSales.claim(
                    sale.id, customerID: Self.ada, token: bo.ticket.token ?? "", quantity: 1, on: platform)
            }

            let (claims, afterClaim) = try await FlashSales.claim(
                sale.id, customerID: Self.ada, token: ada.ticket.token ?? "", quantity: 1, on: platform)
            #expect(claims.count == 1 && afterClaim.left == 2 && afterClaim.held == 1)
            // A second unit passes Ada's limit of one: refused, and nothing written.
            await #expect(throws: FlashSaleError.customerLimitReached(limit: 1)) {
                _ = try await FlashSales.claim(
                    sale.id, customerID: Self.ada, token: ada.ticket.token ?? "", quantity: 1, on: platform)
            }

            // Two mugs in the cart: one at the flash price, one at the regular price.
            let (cart, access) = try await Self.customerCart(Self.ada, shop, mugs: 2, on: platform)
            let view = try await ShoppingCarts.view(cart, access: access, on: platform)
            #expect(view.isReadyForCheckout, "\(view.missing)")
            #expect(view.priced?.totals.discount == Self.euros(450))
            #expect(view.flashSaleUses == [FlashSaleUse(saleID: sale.id, units: 1)])

            let outcome = try await OrderPlacement.checkOut(
                cart, access: access, key: "ada-1", payment: .card(number: TestCard.approves), on: platform)
            #expect(outcome.order.status == .paid)
            #expect(
                outcome.order.totals.subtotal == Self.euros(1_800) && outcome.order.totals.discount == Self.euros(450))
            #expect(outcome.order.lines.flatMap(\.adjustments).map(\.label) == ["Flash sale: Mug rush"])
            let sold = try await platform.database.read { db in try await platform.promotions.flashSale(sale.id, on: db)
            }
            #expect(sold.sold == 1 && sold.held == 0 && sold.left == 2)
            // Regular stock paid for the second mug; the sale's hold gave up only the first.
            #expect(try await Self.available("MUG", on: platform) == before - 3 - 1)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "twelve admitted shoppers claim five units at once: exactly five get one, the rest hear the units are gone, and five checkouts at once sell exactly five",
        arguments: TestBackend.allCases)
    func rush(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let sale = try await Self.mugSale(shop, quantity: 5, perMinute: 6_000, on: platform)
            env.clock.advance(by: 61)
            var tokens: [(String, String)] = []
            for index in 0..<12 {
                let customer = CustomerID.generate().rawValue
                let place = try await FlashSales.join(sale.id, customerID: customer, clientAddress: nil, on: platform)
                tokens.append((customer, try #require(place.ticket.token)))
            }
            // 6,000 a minute is one every 10 ms: a second later all twelve are in.
            env.clock.advance(by: 1)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for (customer, token) in tokens {
                    group.addTask {
                        do {
                            _ = try await FlashSales.claim(
                                sale.id, customerID: customer, token: token, quantity: 1, on: platform)
                            return customer
                        } catch let error as FlashSaleError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let winners = outcomes.filter { $0.hasPrefix("cus_") }
            #expect(winners.count == 5, "\(outcomes)")
            #expect(outcomes.filter { $0 == "flash_sale_all_held" }.count == 7, "\(outcomes)")

            var carts: [(CartID, CartAccess)] = []
            for customer in winners { carts.append(try await Self.customerCart(customer, shop, on: platform)) }
            let orders = try await withThrowingTaskGroup(of: Money.self) { group in
                for (index, (cart, access)) in carts.enumerated() {
                    group.addTask {
                        try await OrderPlacement.checkOut(
                            cart, access: access, key: "rush-\(index)", payment: .card(number: TestCard.approves),
                            on: platform
                        ).order.totals.discount
                    }
                }
                return try await group.reduce(into: [Money]()) { $0.append($1) }
            }
            #expect(orders == Array(repeating: Self.euros(450), count: 5))
            let final = try await platform.database.read { db in
                try await platform.promotions.flashSale(sale.id, on: db)
            }
            #expect(final.sold == 5 && final.held == 0 && final.soldOutAt != nil)
            #expect(final.phase(at: platform.clock.now()) == .soldOut)
            // Everyone still in the queue hears "sold out" at once; nobody can join any more.
            let loser = try #require(tokens.first { !winners.contains($0.0) }).0
            #expect(try await FlashSales.place(sale.id, customerID: loser, on: platform).status == .soldOut)
            await #expect(throws: FlashSaleError.soldOut) {
                _ = try await FlashSales.join(
                    sale.id, customerID: CustomerID.generate().rawValue, clientAddress: nil, on: platform)
            }
            let events = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'flash_sale.sold_out'").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(events == 1)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a claim not ordered in time goes back to the sale, and a never-paid order's unit goes back to regular stock",
        arguments: TestBackend.allCases)
    func expiryAndDecline(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let sale = try await Self.mugSale(shop, quantity: 2, perMinute: 6_000, on: platform)
            env.clock.advance(by: 61)
            let ada = try await FlashSales.join(sale.id, customerID: Self.ada, clientAddress: nil, on: platform)
            _ = try await FlashSales.claim(
                sale.id, customerID: Self.ada, token: ada.ticket.token ?? "", quantity: 1, on: platform)
            let (cart, access) = try await Self.customerCart(Self.ada, shop, on: platform)

            // Eleven minutes later the claim is over: the clock gives the unit back and the cart shows
            // the regular price again.
            env.clock.advance(by: 11 * 60)
            #expect(try await Campaigns.tick(on: platform) == 0)
            var current = try await platform.database.read { db in
                try await platform.promotions.flashSale(sale.id, on: db)
            }
            #expect(current.held == 0 && current.left == 2)
            let view = try await ShoppingCarts.view(cart, access: access, on: platform)
            #expect(view.priced?.totals.discount == Self.euros(0) && view.flashSaleUses.isEmpty)

            // Bo claims and checks out with a card that is declined: his unit leaves the sale for regular stock.
            let bo = try await FlashSales.join(sale.id, customerID: Self.bo, clientAddress: nil, on: platform)
            _ = try await FlashSales.claim(
                sale.id, customerID: Self.bo, token: bo.ticket.token ?? "", quantity: 1, on: platform)
            let before = try await Self.available("MUG", on: platform)
            let (boCart, boAccess) = try await Self.customerCart(Self.bo, shop, on: platform)
            let declined = try await OrderPlacement.checkOut(
                boCart, access: boAccess, key: "bo-1", payment: .card(number: TestCard.declines), on: platform)
            #expect(declined.order.status == .cancelled)
            current = try await platform.database.read { db in try await platform.promotions.flashSale(sale.id, on: db)
            }
            #expect(current.sold == 0 && current.withdrawn == 1 && current.left == 1)
            #expect(try await Self.available("MUG", on: platform) == before + 1)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            // Calling the sale off gives the last unit back to regular stock too.
            let cancelled = try await FlashSales.cancel(sale.id, by: Self.staff, on: platform)
            #expect(cancelled.phase(at: platform.clock.now()) == .cancelled)
            #expect(try await Self.available("MUG", on: platform) == before + 2)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a flash sale is refused when it is not a reduction, the stock cannot cover it, or its window is empty",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let now = platform.clock.now()
            let bad = await #expect(throws: ValidationError.self) {
                _ = try await FlashSales.create(
                    NewFlashSale(
                        title: " ", variantID: shop.mug.rawValue, channel: "web", price: Self.euros(900), quantity: 0,
                        perCustomerLimit: 0, startsAt: now.addingTimeInterval(60), endsAt: now,
                        admissionsPerMinute: 0, holdMinutes: 0),
                    by: Self.staff, on: platform)
            }
            #expect(
                bad?.fieldErrors.map(\.pointer) == [
                    "/title", "/quantity", "/per_customer_limit", "/price", "/ends_at", "/admissions_per_minute",
                    "/hold_minutes",
                ])
            #expect(bad?.fieldErrors.first { $0.pointer == "/price" }?.code == "not_a_reduction")
            await #expect(throws: InventoryError.self) {
                _ = try await Self.mugSale(shop, quantity: 500, on: platform)
            }
            let sales = try await platform.database.read { db in try await platform.promotions.flashSales(on: db) }
            #expect(sales.isEmpty)
        }
    }

    @Test(
        "a mug raised from 9.00 to 14.00 two weeks before a flash sale at 9.00 is a fake discount: warned, refused when the shop says so, and the storefront states the reduction from the price before the raise",
        arguments: TestBackend.allCases)
    func fakeDiscount(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            // Six weeks at 9.00, then 14.00 two weeks before the sale.
            env.clock.advance(by: 28 * 86_400)
            try await Self.setMugPrice(Self.euros(1_400), shop, on: platform)
            env.clock.advance(by: 14 * 86_400 - 120)
            let now = platform.clock.now()
            func plan(_ price: Int64, key: Int) async throws -> (sale: FlashSale, warnings: [HonestPrices.Warning]) {
                try await FlashSales.create(
                    NewFlashSale(
                        title: "Mug \(key)", variantID: shop.mug.rawValue, channel: "web", price: Self.euros(price),
                        quantity: 1, startsAt: now.addingTimeInterval(60), endsAt: now.addingTimeInterval(3600)),
                    by: Self.staff, on: platform)
            }
            let warned = try await plan(900, key: 1)
            let warning = try #require(warned.warnings.first)
            #expect(warning.detail.raise.from == Self.euros(900) && warning.detail.raise.to == Self.euros(1_400))
            #expect(warning.detail.wouldMisleadShoppers && warning.detail.advertisedPercentOff == 35)
            // The storefront states the reduction from 9.00 (the lowest of the 30 days before), not 14.00.
            env.clock.advance(by: 60)
            let shown = try await FlashSales.showing(warned.sale.id, on: platform)
            #expect(shown.regularPrice == Self.euros(1_400) && shown.priorPrice == Self.euros(900))

            _ = try await platform.database.inTransaction { db in
                try await platform.catalog.setHonestPriceSettings(
                    HonestPriceSettings(refusesFakeDiscounts: true), by: Self.staff, on: db)
            }
            let refused = await #expect(throws: ValidationError.self) { _ = try await plan(900, key: 2) }
            #expect(refused?.fieldErrors.map(\.code) == ["fake_discount"])
            #expect(
                try await platform.database.read { db in try await platform.promotions.flashSales(on: db) }.count == 1)
            // A genuine reduction below what shoppers paid is still allowed, with its warning.
            let genuine = try await plan(700, key: 3)
            #expect(genuine.warnings.count == 1 && genuine.warnings[0].detail.wouldMisleadShoppers == false)
        }
    }

    @Test(
        "a promotion taking 35 % off a mug raised from 9.00 to 14.00 a week earlier is saved with a warning, and refused when the shop refuses fake discounts",
        arguments: TestBackend.allCases)
    func fakePromotion(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 28 * 86_400)
            try await Self.setMugPrice(Self.euros(1_400), shop, on: platform)
            env.clock.advance(by: 7 * 86_400)
            let promotion = Promotion(
                id: "promo_x", name: "Mug deal", label: "−35 % mugs", scope: LineScope(variantIDs: [shop.mug.rawValue]),
                action: .percentOff(basisPoints: 3_500))
            let (saved, warnings) = try await HonestPrices.save(
                { db in try await platform.promotions.create(promotion, isActive: true, by: Self.staff, on: db) },
                campaignID: nil, on: platform)
            #expect(warnings.map(\.variantID) == [shop.mug.rawValue])
            #expect(warnings.first?.detail.reducedPrice == Self.euros(910))
            #expect(warnings.first?.detail.wouldMisleadShoppers == true)
            // The same reduction on the whole Kitchen category finds the mug too.
            let kitchen = try await platform.database.read { db in
                try #require(try await platform.catalog.categories(on: db).first { $0.name == "Kitchen" }).id.rawValue
            }
            var draft = promotion
            draft.scope = LineScope(categoryIDs: [kitchen])
            let kitchenWeek = draft
            let (_, categoryWarnings) = try await HonestPrices.save(
                { db in try await platform.promotions.create(kitchenWeek, isActive: false, by: Self.staff, on: db) },
                campaignID: nil, on: platform)
            #expect(categoryWarnings.map(\.variantID) == [shop.mug.rawValue])
            _ = try await platform.database.inTransaction { db in
                try await platform.catalog.setHonestPriceSettings(
                    HonestPriceSettings(refusesFakeDiscounts: true), by: Self.staff, on: db)
            }
            await #expect(throws: ValidationError.self) {
                _ = try await HonestPrices.save(
                    { db in try await platform.promotions.create(promotion, isActive: true, by: Self.staff, on: db) },
                    campaignID: nil, on: platform)
            }
            // Switched off it misleads nobody: it is saved with its warning, and refused once switched on.
            var later = promotion
            later.id = "promo_off"
            let laterDraft = later
            let (off, offWarnings) = try await HonestPrices.save(
                { db in try await platform.promotions.create(laterDraft, isActive: false, by: Self.staff, on: db) },
                campaignID: nil, on: platform)
            #expect(!off.record.isActive && offWarnings.map(\.variantID) == [shop.mug.rawValue])
            await #expect(throws: ValidationError.self) {
                _ = try await HonestPrices.save(
                    { db in
                        try await platform.promotions.update(
                            off.record.id, to: laterDraft, isActive: true, campaignID: nil, by: Self.staff, on: db)
                    }, campaignID: nil, on: platform)
            }
            let stored = try await platform.database.read { db in try await platform.promotions.promotions(on: db) }
            #expect(stored.count == 3 && stored.contains { $0.id == saved.record.id })
            #expect(stored.first { $0.id == off.record.id }?.isActive == false)
        }
    }

    @Test(
        "the product page states a reduction against the lowest price of the 30 days before it, except for goods in a perishable category",
        arguments: TestBackend.allCases)
    func productPagePriorPrice(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 40 * 86_400)
            try await Self.setMugPrice(Self.euros(700), shop, on: platform)
            env.clock.advance(by: 60)
            func prior() async throws -> Money? {
                try await platform.database.read { db in
                    try await platform.catalog.productPage(
                        slug: "mug", channel: "web", currency: .eur, at: platform.clock.now(), on: db
                    ).variants.first?.priorPrice
                }
            }
            #expect(try await prior() == Self.euros(900))
            let kitchen = try await platform.database.read { db in
                try #require(try await platform.catalog.categories(on: db).first { $0.name == "Kitchen" }).id.rawValue
            }
            _ = try await platform.database.inTransaction { db in
                try await platform.catalog.setHonestPriceSettings(
                    HonestPriceSettings(perishableCategoryIDs: [kitchen]), by: Self.staff, on: db)
            }
            #expect(try await prior() == nil)
        }
    }
}
