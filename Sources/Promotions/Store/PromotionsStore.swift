import Foundation
import Persistence
import SQLKit
import TorvCore

/// Promotions' SQL. Internal: other modules see only the facade.
enum PromotionsStore {
    static let promotionColumns = """
        id, definition, active, uses, discount_given, budget_currency, created_at, updated_at, campaign_id
        """
    static let campaignColumns = """
        id, name, time_zone, announce_at, starts_at, ends_at, started_at, ended_at, created_at
        """

    static func campaign(_ row: any SQLRow) throws -> Campaign {
        Campaign(
            id: try row.id("id", as: CampaignID.self, table: "promotion_campaigns"), name: try row.string("name"),
            timeZone: try row.string("time_zone"), announceAt: try row.optionalDate("announce_at"),
            startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"),
            startedAt: try row.optionalDate("started_at"), endedAt: try row.optionalDate("ended_at"),
            createdAt: try row.date("created_at"))
    }
    static let couponColumns = """
        id, code, promotion_id, batch_id, usage_limit, per_customer_limit, uses, expires_at, active, created_at
        """

    static func record(_ row: any SQLRow) throws -> PromotionRecord {
        let text = try row.string("definition")
        let promotion: Promotion
        do {
            promotion = try JSONDecoder().decode(Promotion.self, from: Data(text.utf8))
        } catch {
            throw PersistenceError.corruptRow(table: "promotions", detail: "bad definition JSON")
        }
        let given = try row.decode(column: "discount_given", as: Int64.self)
        let currency = try row.optionalString("budget_currency").flatMap(Currency.init(code:))
        return PromotionRecord(
            promotion: promotion, isActive: try row.flag("active"), uses: try row.int("uses"),
            discountGiven: currency.map { Money(minorUnits: given, currency: $0) },
            campaignID: try row.optionalID("campaign_id", as: CampaignID.self, table: "promotions"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    static func coupon(_ row: any SQLRow) throws -> Coupon {
        Coupon(
            id: try row.id("id", as: CouponID.self, table: "promotion_coupons"), code: try row.string("code"),
            promotionID: try row.string("promotion_id"),
            batchID: try row.optionalID("batch_id", as: CouponBatchID.self, table: "promotion_coupons"),
            usageLimit: try row.optionalInt("usage_limit"), perCustomerLimit: try row.optionalInt("per_customer_limit"),
            uses: try row.int("uses"), expiresAt: try row.optionalDate("expires_at"), isActive: try row.flag("active"),
            createdAt: try row.date("created_at"))
    }

    static func json(_ promotion: Promotion) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(promotion), as: UTF8.self)
    }

    static func promotion(_ id: String, on db: any SQLDatabase) async throws -> PromotionRecord? {
        try await db.raw("SELECT \(unsafeRaw: promotionColumns) FROM promotions WHERE id = \(bind: id)")
            .first().map(record)
    }

    static func coupon(code: String, on db: any SQLDatabase) async throws -> Coupon? {
        try await db.raw("SELECT \(unsafeRaw: couponColumns) FROM promotion_coupons WHERE code = \(bind: code)")
            .first().map(coupon)
    }
}
