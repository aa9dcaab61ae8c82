public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// Records the promotions an order was given under `reference` (the checkout key), inside the
    /// checkout's transaction. Each promotion's budget and each coupon's limit is taken by one guarded
    /// update, so concurrent checkouts never give more than allowed: the one that finds it used up is
    /// refused (`promotion_exhausted`, `coupon_exhausted`) and the shopper's cart prices without it.
    public func redeem(
        _ grants: [PromotionGrant], reference: String, customerID: String?, on db: any SQLDatabase
    ) async throws {
        let now = self.now
        for grant in grants where grant.amount.isPositive || grant.couponCode != nil {
            let record = try await promotion(grant.promotionID, on: db)
            let label = record.promotion.label
            let currency = grant.amount.currency.code
            guard
                try await db.raw(
                    """
                    UPDATE promotions SET uses = uses + 1,
                        discount_given = discount_given + CASE WHEN budget_currency IS NULL OR budget_currency = \(bind: currency)
                            THEN \(bind: grant.amount.amount) ELSE 0 END,
                        budget_currency = COALESCE(budget_currency, \(bind: currency)),
                        updated_at = \(bind: now.epochMicroseconds)
                    WHERE id = \(bind: grant.promotionID) AND active = 1
                      AND (max_uses IS NULL OR uses + 1 <= max_uses)
                      AND (max_discount IS NULL OR (budget_currency = \(bind: currency)
                           AND discount_given + \(bind: grant.amount.amount) <= max_discount))
                    RETURNING id
                    """
                ).first() != nil
            else { throw PromotionsError.promotionExhausted(label: label) }
            // The guarded update holds the promotion's row until commit: this customer's other orders
            // count one after the other.
            if let limit = record.promotion.budget.maxUsesPerCustomer, let customerID,
                try await redemptions(ofCustomer: customerID, promotion: grant.promotionID, on: db) >= limit
            {
                throw PromotionsError.promotionCustomerLimitReached(label: label)
            }
            var couponID: CouponID?
            if let text = grant.couponCode {
                couponID = try await takeCoupon(text, customerID: customerID, now: now, on: db)
            }
            try await db.raw(
                """
                INSERT INTO promotion_redemptions (id, promotion_id, coupon_id, reference, customer_id, amount, currency,
                                                   created_at)
                VALUES (\(bind: PromotionRedemptionID.generate(ids, at: now).rawValue), \(bind: grant.promotionID),
                        \(bind: couponID?.rawValue), \(bind: reference), \(bind: customerID), \(bind: grant.amount.amount),
                        \(bind: currency), \(bind: now.epochMicroseconds))
                """
            ).run()
        }
    }

    private func takeCoupon(
        _ text: String, customerID: String?, now: Date, on db: any SQLDatabase
    ) async throws -> CouponID {
        guard let code = Self.normalizedCode(text),
            let row = try await db.raw(
                """
                UPDATE promotion_coupons SET uses = uses + 1
                WHERE code = \(bind: code) AND active = 1 AND (usage_limit IS NULL OR uses + 1 <= usage_limit)
                  AND (expires_at IS NULL OR expires_at > \(bind: now.epochMicroseconds))
                RETURNING id, per_customer_limit
                """
            ).first()
        else {
            // Say why: the code may have expired or been switched off since the cart was priced.
            _ = try await usableCoupon(text, customerID: customerID, on: db)
            throw PromotionsError.couponExhausted
        }
        let id = try row.id("id", as: CouponID.self, table: "promotion_coupons")
        if let limit = try row.optionalInt("per_customer_limit"), let customerID,
            try await redemptions(ofCustomer: customerID, coupon: id, on: db) >= limit
        {
            throw PromotionsError.couponCustomerLimitReached
        }
        return id
    }

    /// Gives back the uses and budget an order took, because it was never paid or was cancelled. Once per
    /// redemption: a second release finds nothing left to release.
    public func release(_ reference: String, on db: any SQLDatabase) async throws {
        let now = self.now
        let released = try await db.raw(
            """
            UPDATE promotion_redemptions SET released_at = \(bind: now.epochMicroseconds)
            WHERE reference = \(bind: reference) AND released_at IS NULL
            RETURNING promotion_id, coupon_id, amount, currency
            """
        ).all()
        for row in released {
            let promotionID = try row.string("promotion_id")
            let amount = try row.decode(column: "amount", as: Int64.self)
            let currency = try row.string("currency")
            try await db.raw(
                """
                UPDATE promotions SET uses = uses - 1,
                    discount_given = discount_given - CASE WHEN budget_currency = \(bind: currency)
                        THEN \(bind: amount) ELSE 0 END
                WHERE id = \(bind: promotionID)
                """
            ).run()
            if let couponID = try row.optionalString("coupon_id") {
                try await db.raw("UPDATE promotion_coupons SET uses = uses - 1 WHERE id = \(bind: couponID)").run()
            }
        }
    }

    /// What the engine needs to respect budgets when quoting: uses and discount given per promotion, and
    /// how often `customerID` had each.
    public func usage(
        of promotions: [PromotionRecord], customerID: String?, on db: any SQLDatabase
    ) async throws -> [String: PromotionUsage] {
        var usage: [String: PromotionUsage] = [:]
        for record in promotions {
            guard let given = record.discountGiven else { continue }
            var mine = 0
            if let customerID, record.promotion.budget.maxUsesPerCustomer != nil {
                mine = try await redemptions(ofCustomer: customerID, promotion: record.id, on: db)
            }
            usage[record.id] = PromotionUsage(discountGiven: given, uses: record.uses, usesByThisCustomer: mine)
        }
        return usage
    }

    func redemptions(ofCustomer customerID: String, promotion: String, on db: any SQLDatabase) async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(*) AS n FROM promotion_redemptions
            WHERE customer_id = \(bind: customerID) AND promotion_id = \(bind: promotion) AND released_at IS NULL
            """
        ).first()?.int("n") ?? 0
    }

    func redemptions(ofCustomer customerID: String, coupon: CouponID, on db: any SQLDatabase) async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(*) AS n FROM promotion_redemptions
            WHERE customer_id = \(bind: customerID) AND coupon_id = \(bind: coupon.rawValue) AND released_at IS NULL
            """
        ).first()?.int("n") ?? 0
    }
}
