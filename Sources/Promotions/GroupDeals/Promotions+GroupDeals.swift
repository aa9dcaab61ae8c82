public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// The recurring job that settles group deals that are due (``GroupDeal/isDue(at:participants:)``).
    public static let groupDealSettlementJob = "promotions.group_deal_settlement"

    /// Sets up a group deal from a definition Flows completed from the catalogue (product, SKU, regular price),
    /// validated by ``GroupDealRules``.
    public func createGroupDeal(
        _ new: NewGroupDeal, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> GroupDeal {
        let now = self.now
        var new = new
        new.title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        try GroupDealRules.requireValid(new, now: now)
        let deal = GroupDeal(id: GroupDealID.generate(ids, at: now), new, createdAt: now)
        try await db.raw(
            """
            INSERT INTO promotion_group_deals
                (id, title, product_id, variant_id, sku, regular_price, currency, tiers, min_participants,
                 max_participants, max_quantity_per_participant, opens_at, deadline, voucher_valid_days, status,
                 created_at, tax_class, vat_rate)
            VALUES (\(bind: deal.id.rawValue), \(bind: deal.title), \(bind: deal.productID), \(bind: deal.variantID),
                    \(bind: deal.sku), \(bind: deal.regularPrice.amount), \(bind: deal.regularPrice.currency.code),
                    \(bind: try PromotionsStore.tiersJSON(deal.tiers)), \(bind: deal.minParticipants),
                    \(bind: deal.maxParticipants), \(bind: deal.maxQuantityPerParticipant),
                    \(bind: deal.opensAt.epochMicroseconds), \(bind: deal.deadline.epochMicroseconds),
                    \(bind: deal.voucherValidDays), 'open', \(bind: now.epochMicroseconds), \(bind: deal.taxClass),
                    \(bind: deal.vatRate))
            """
        ).run()
        _ = try await audit.record(
            "promotion.group_deal_created", by: actor, target: ("group_deal", deal.id.rawValue),
            detail: ["title": deal.title, "sku": deal.sku, "min_participants": String(deal.minParticipants)], on: db)
        return try await PromotionsStore.loadGroupDeal(deal.id, on: db)
    }

    public func groupDeal(_ id: GroupDealID, on db: any SQLDatabase) async throws -> GroupDeal {
        try await PromotionsStore.loadGroupDeal(id, on: db)
    }

    /// Records the tax of a deal set up before deals recorded it (``GroupDeal/vatRate``), once: a deal that has
    /// its rate keeps it.
    public func recordGroupDealTax(
        _ id: GroupDealID, taxClass: String, vatRate: Int, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE promotion_group_deals SET tax_class = \(bind: taxClass), vat_rate = \(bind: vatRate)
            WHERE id = \(bind: id.rawValue) AND vat_rate IS NULL
            """
        ).run()
    }

    /// The deal with every place in it and its vouchers.
    public func groupDealSnapshot(_ id: GroupDealID, on db: any SQLDatabase) async throws -> GroupDealSnapshot {
        let deal = try await PromotionsStore.loadGroupDeal(id, on: db)
        return GroupDealSnapshot(
            deal: deal, seats: try await PromotionsStore.seats(of: id, on: db),
            vouchers: try await PromotionsStore.vouchers(of: id, on: db))
    }

    /// Group deals, deadline soonest first; `showingAt` keeps those still open or settled in the last week.
    public func groupDeals(showingAt now: Date? = nil, on db: any SQLDatabase) async throws -> [GroupDeal] {
        let filter: SQLQueryString =
            if let now {
                "WHERE status = 'open' OR deadline > \(bind: now.addingTimeInterval(-7 * 86_400).epochMicroseconds)"
            } else { "" }
        return try await db.raw(
            "SELECT \(unsafeRaw: PromotionsStore.groupDealColumns) FROM promotion_group_deals "
                + filter + " ORDER BY deadline, id"
        ).all().map(PromotionsStore.groupDeal)
    }

    /// Open deals whose settlement may be due at `now`: past the deadline, or with every seat taken.
    public func groupDealsToSettle(at now: Date, on db: any SQLDatabase) async throws -> [GroupDealID] {
        try await db.raw(
            """
            SELECT id FROM promotion_group_deals
            WHERE status = 'open'
              AND (deadline <= \(bind: now.epochMicroseconds)
                   OR (max_participants IS NOT NULL AND seats >= max_participants))
            ORDER BY deadline, id
            """
        ).all().map { try $0.id("id", as: GroupDealID.self, table: "promotion_group_deals") }
    }

    /// The customer's vouchers, newest first, with the deal each is for.
    public func groupDealVouchers(
        of customerID: String, on db: any SQLDatabase
    ) async throws -> [(voucher: GroupDealVoucher, deal: GroupDeal)] {
        let vouchers = try await db.raw(
            """
            SELECT v.code, v.deal_id, v.participant_id, v.issued_at, v.expires_at, v.redeemed_at
            FROM promotion_group_deal_vouchers v
            JOIN promotion_group_deal_participants p ON p.id = v.participant_id
            WHERE p.customer_id = \(bind: customerID) ORDER BY v.issued_at DESC, v.code
            """
        ).all().map(PromotionsStore.voucher)
        var result: [(GroupDealVoucher, GroupDeal)] = []
        for voucher in vouchers {
            result.append((voucher, try await PromotionsStore.loadGroupDeal(voucher.dealID, on: db)))
        }
        return result
    }
}
