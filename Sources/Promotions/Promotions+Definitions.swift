public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// Saves a new promotion (its `id` is assigned here) and reports how it overlaps the shop's other
    /// active promotions. A definition the engine would refuse is refused with every problem at once.
    public func create(
        _ draft: Promotion, isActive: Bool, campaignID: CampaignID? = nil, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> (record: PromotionRecord, conflicts: [PromotionConflict]) {
        var promotion = draft
        promotion.id = PromotionID.generate(ids, at: now).rawValue
        try PromotionRules.requireValid(promotion)
        if let campaignID { _ = try await campaign(campaignID, on: db) }
        let now = self.now
        try await db.raw(
            """
            INSERT INTO promotions (id, name, definition, active, max_uses, max_discount, budget_currency, created_at,
                                    updated_at, campaign_id)
            VALUES (\(bind: promotion.id), \(bind: promotion.name), \(bind: try PromotionsStore.json(promotion)),
                    \(bind: isActive ? 1 : 0), \(bind: promotion.budget.maxUses),
                    \(bind: promotion.budget.maxDiscount?.amount), \(bind: promotion.budget.maxDiscount?.currency.code),
                    \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds), \(bind: campaignID?.rawValue))
            """
        ).run()
        _ = try await audit.record(
            "promotion.created", by: actor, target: ("promotion", promotion.id), detail: ["name": promotion.name],
            on: db)
        let record = try await self.promotion(promotion.id, on: db)
        return (record, try await conflicts(of: promotion, on: db))
    }

    /// Replaces a promotion's rule. Uses and discount already given stay; a budget lowered below them
    /// is refused by the database's CHECK rather than silently ignored.
    public func update(
        _ id: String, to draft: Promotion, isActive: Bool, campaignID: CampaignID? = nil, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> (record: PromotionRecord, conflicts: [PromotionConflict]) {
        var promotion = draft
        promotion.id = id
        try PromotionRules.requireValid(promotion)
        if let campaignID { _ = try await campaign(campaignID, on: db) }
        let current = try await self.promotion(id, on: db)
        if let maxUses = promotion.budget.maxUses, maxUses < current.uses {
            throw ValidationError([PromotionsError.invalidBudget.at("/budget/max_uses")])
        }
        if let maximum = promotion.budget.maxDiscount, let given = current.discountGiven,
            maximum.currency != given.currency || maximum.amount < given.amount
        {
            throw ValidationError([PromotionsError.invalidBudget.at("/budget/max_discount")])
        }
        try await db.raw(
            """
            UPDATE promotions SET name = \(bind: promotion.name), definition = \(bind: try PromotionsStore.json(promotion)),
                active = \(bind: isActive ? 1 : 0), max_uses = \(bind: promotion.budget.maxUses),
                max_discount = \(bind: promotion.budget.maxDiscount?.amount),
                budget_currency = COALESCE(budget_currency, \(bind: promotion.budget.maxDiscount?.currency.code)),
                campaign_id = \(bind: campaignID?.rawValue),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id)
            """
        ).run()
        _ = try await audit.record(
            "promotion.updated", by: actor, target: ("promotion", id), detail: ["name": promotion.name], on: db)
        return (try await self.promotion(id, on: db), try await conflicts(of: promotion, on: db))
    }

    public func promotion(_ id: String, on db: any SQLDatabase) async throws -> PromotionRecord {
        guard let record = try await PromotionsStore.promotion(id, on: db) else {
            throw PromotionsError.promotionNotFound
        }
        return record
    }

    /// Every promotion, newest first; only the switched-on ones when `activeOnly`.
    public func promotions(activeOnly: Bool = false, on db: any SQLDatabase) async throws -> [PromotionRecord] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: PromotionsStore.promotionColumns) FROM promotions
            \(unsafeRaw: activeOnly ? "WHERE active = 1" : "") ORDER BY id DESC
            """
        ).all().map(PromotionsStore.record)
    }

    /// How `promotion` overlaps the other active promotions, as staff should hear when saving it.
    func conflicts(of promotion: Promotion, on db: any SQLDatabase) async throws -> [PromotionConflict] {
        let others = try await promotions(activeOnly: true, on: db).map(\.promotion).filter { $0.id != promotion.id }
        return PromotionRules.conflicts(others + [promotion], at: now).filter {
            $0.promotionID == promotion.id || $0.otherPromotionID == promotion.id
        }
    }
}
