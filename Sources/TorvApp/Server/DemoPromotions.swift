import Catalog
import Flows
import Foundation
import Inventory
import Payments
import Persistence
import Promotions
import TorvCore

/// The demo's promotions: a kitchen week running through the last fortnight of the history and the week
/// ahead, a welcome coupon for first orders, a spend-more tier, and next Black Friday as a campaign in the
/// shop's time zone (its promotion exclusive, so it never stacks with the rest).
enum DemoPromotions {
    static let marketing = AuditActor(kind: "staff", id: "torv demo marketing")

    static func seed(until today: Date, on platform: Platform) async throws {
        let promotions = platform.promotions
        let start = platform.clock.now()
        let kitchen = try await platform.database.read { db in
            try await platform.catalog.categories(on: db).first { $0.name == "Kitchen" }?.id.rawValue
        }
        let friday = blackFriday(after: today)
        try await platform.database.inTransaction { db in
            if let kitchen {
                _ = try await promotions.create(
                    Promotion(
                        id: "promo_demo", name: "Kitchen week", label: "15 % off kitchenware",
                        conditions: [
                            .window(from: max(start, today.addingTimeInterval(-14 * 86_400)), until: today + 7 * 86_400)
                        ],
                        scope: LineScope(categoryIDs: [kitchen]), action: .percentOff(basisPoints: 1_500)),
                    isActive: true, by: marketing, on: db)
            }
            let welcome = try await promotions.create(
                Promotion(
                    id: "promo_demo", name: "Welcome", label: "10 % off your first order",
                    conditions: [.coupon, .firstOrder], action: .percentOff(basisPoints: 1_000),
                    budget: PromotionBudget(maxUsesPerCustomer: 1)),
                isActive: true, by: marketing, on: db
            ).record
            _ = try await promotions.createCoupons(
                for: welcome.id, NewCoupons(codes: ["WELCOME10"], perCustomerLimit: 1), by: marketing, on: db)
            _ = try await promotions.create(
                Promotion(
                    id: "promo_demo", name: "Spend more", label: "Spend tiers",
                    action: .spendTiers([
                        SpendTier(threshold: Money(minorUnits: 15_000, currency: .eur), basisPointsOff: 500),
                        SpendTier(threshold: Money(minorUnits: 30_000, currency: .eur), basisPointsOff: 1_000),
                    ])),
                isActive: true, by: marketing, on: db)
            // Black Friday to Cyber Monday where the shop is, announced a week ahead.
            let campaign = try await promotions.createCampaign(
                NewCampaign(
                    name: "Black Friday", timeZone: zone, announceAt: local(friday - 7 * 86_400),
                    startsAt: local(friday), endsAt: local(friday + 4 * 86_400)), by: marketing, on: db)
            _ = try await promotions.create(
                Promotion(
                    id: "promo_demo", name: "Black Friday", label: "Black Friday −25 %", priority: 100,
                    stacking: .exclusive, action: .percentOff(basisPoints: 2_500),
                    budget: PromotionBudget(maxUses: 5_000)),
                isActive: true, campaignID: campaign.id, by: marketing, on: db)
        }
    }

    /// A flash sale running now: 24 units of the first kitchen item at 30 % off, for two days, two per
    /// customer, through a waiting room admitting 120 shoppers a minute.
    static func flashSale(skus: [String], on platform: Platform) async throws {
        let now = platform.clock.now()
        let chosen = try await platform.database.read { db -> (VariantID, Money)? in
            for sku in skus {
                let variant = try await platform.catalog.variant(sku: sku, on: db)
                let offer = try await platform.catalog.offers(
                    for: [OfferRequest(variantID: variant.id, quantity: 1)],
                    in: PricingContext(channel: "web", currency: .eur, at: now), on: db
                ).first.flatMap { try? $0.get() }
                let stock = try await platform.inventory.availability(of: [sku], on: db).first?.inStock ?? 0
                if let offer, stock >= 40 { return (variant.id, offer.unitPrice) }
            }
            return nil
        }
        guard let (variant, regular) = chosen else { return }
        _ = try await FlashSales.create(
            NewFlashSale(
                title: "Flash sale: 30 % off while stocks last", variantID: variant.rawValue, channel: "web",
                price: Money(minorUnits: regular.amount * 7 / 10, currency: regular.currency), quantity: 24,
                perCustomerLimit: 2, startsAt: now.addingTimeInterval(-600), endsAt: now.addingTimeInterval(2 * 86_400),
                admissionsPerMinute: 120, holdMinutes: 10),
            by: marketing, on: platform)
    }

    /// An open group deal on the second kitchen item: it tips at five buyers (−20 %) and gets cheaper at
    /// ten (−30 %), closes in three days, and `joiners` have already joined with the test card.
    static func groupDeal(skus: [String], joiners: [String], on platform: Platform) async throws {
        let now = platform.clock.now()
        let candidates = try await platform.database.read { db -> [(VariantID, Money)] in
            var found: [(VariantID, Money)] = []
            for sku in skus where found.count < 2 {
                let variant = try await platform.catalog.variant(sku: sku, on: db)
                if let offer = try await platform.catalog.offers(
                    for: [OfferRequest(variantID: variant.id, quantity: 1)],
                    in: PricingContext(channel: "web", currency: .eur, at: now), on: db
                ).first.flatMap({ try? $0.get() }) {
                    found.append((variant.id, offer.unitPrice))
                }
            }
            return found
        }
        guard let (variant, regular) = candidates.last else { return }
        func off(_ percent: Int64) -> Money {
            Money(minorUnits: regular.amount * (100 - percent) / 100, currency: regular.currency)
        }
        let deal = try await GroupDeals.create(
            GroupDealDraft(
                title: "Group deal: cheaper together", variantID: variant.rawValue,
                tiers: [
                    GroupDealTier(fromParticipants: 5, unitPrice: off(20)),
                    GroupDealTier(fromParticipants: 10, unitPrice: off(30)),
                ],
                minParticipants: 5, maxParticipants: 50, opensAt: now.addingTimeInterval(-3600),
                deadline: now.addingTimeInterval(3 * 86_400), voucherValidDays: 60),
            by: marketing, on: platform)
        for customer in joiners {
            _ = try await GroupDeals.join(deal.id, customerID: customer, cardNumber: TestCard.approves, on: platform)
        }
    }

    static let zone = "Europe/Stockholm"

    /// `date` as a wall-clock time in the shop's zone, as staff would type it.
    static func local(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    /// Midnight in Stockholm at the start of the first Black Friday (the day after the fourth Thursday of
    /// November) after `date`.
    static func blackFriday(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        var year = calendar.component(.year, from: date)
        while true {
            var thursday = DateComponents(year: year, month: 11, weekday: 5, weekdayOrdinal: 4)
            thursday.timeZone = calendar.timeZone
            if let day = calendar.date(from: thursday), let friday = calendar.date(byAdding: .day, value: 1, to: day),
                friday > date
            {
                return friday
            }
            year += 1
        }
    }
}
