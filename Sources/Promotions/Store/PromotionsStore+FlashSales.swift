import Foundation
import Persistence
import SQLKit
import TorvCore

extension PromotionsStore {
    static let flashSaleColumns = """
        id, title, product_id, variant_id, sku, channel, price, currency, quantity, per_customer_limit,
        admissions_per_minute, hold_seconds, starts_at, ends_at, campaign_id, stock_hold_id, held, sold, withdrawn,
        sold_out_at, cancelled_at, created_at, \
        (SELECT length FROM promotion_flash_queue_heads h WHERE h.sale_id = promotion_flash_sales.id) AS queue_length
        """

    static func flashSale(_ row: any SQLRow) throws -> FlashSale {
        let currency = try row.currency("currency")
        let startsAt = try row.date("starts_at")
        return FlashSale(
            id: try row.id("id", as: FlashSaleID.self, table: "promotion_flash_sales"), title: try row.string("title"),
            productID: try row.string("product_id"), variantID: try row.string("variant_id"),
            sku: try row.string("sku"), channel: try row.string("channel"),
            price: Money(minorUnits: try row.decode(column: "price", as: Int64.self), currency: currency),
            quantity: try row.int("quantity"), perCustomerLimit: try row.int("per_customer_limit"),
            startsAt: startsAt, endsAt: try row.date("ends_at"),
            room: WaitingRoom(
                opensAt: startsAt, admissionsPerMinute: try row.int("admissions_per_minute"),
                holdSeconds: try row.int("hold_seconds")),
            campaignID: try row.optionalID("campaign_id", as: CampaignID.self, table: "promotion_flash_sales"),
            stockHoldID: try row.optionalString("stock_hold_id"), held: try row.int("held"), sold: try row.int("sold"),
            withdrawn: try row.int("withdrawn"), queueLength: try row.optionalInt("queue_length") ?? 0,
            soldOutAt: try row.optionalDate("sold_out_at"), cancelledAt: try row.optionalDate("cancelled_at"),
            createdAt: try row.date("created_at"))
    }

    static let claimColumns = "id, sale_id, customer_id, status, expires_at, reference, created_at"

    static func claim(_ row: any SQLRow) throws -> FlashClaim {
        FlashClaim(
            id: try row.id("id", as: FlashClaimID.self, table: "promotion_flash_claims"),
            saleID: try row.id("sale_id", as: FlashSaleID.self, table: "promotion_flash_claims"),
            customerID: try row.string("customer_id"),
            status: try row.enumeration("status", as: FlashClaimStatus.self, table: "promotion_flash_claims"),
            expiresAt: try row.date("expires_at"), reference: try row.optionalString("reference"),
            createdAt: try row.date("created_at"))
    }

    static func loadFlashSale(_ id: FlashSaleID, on db: any SQLDatabase) async throws -> FlashSale {
        guard
            let sale = try await db.raw(
                """
                SELECT \(unsafeRaw: flashSaleColumns) FROM promotion_flash_sales WHERE id = \(bind: id.rawValue)
                """
            ).first().map(flashSale)
        else { throw FlashSaleError.notFound }
        return sale
    }

    /// Gives back the units of claims whose time is up: each claim turns `expired` once (the guarded
    /// status is what decides, so concurrent sweepers never give a unit back twice).
    static func expireClaims(of saleID: FlashSaleID, at now: Date, on db: any SQLDatabase) async throws -> Int {
        let expired = try await db.raw(
            """
            UPDATE promotion_flash_claims SET status = 'expired', closed_at = \(bind: now.epochMicroseconds)
            WHERE sale_id = \(bind: saleID.rawValue) AND status = 'held' AND expires_at <= \(bind: now.epochMicroseconds)
            RETURNING id
            """
        ).all().count
        guard expired > 0 else { return 0 }
        guard
            try await db.raw(
                """
                UPDATE promotion_flash_sales SET held = held - \(bind: expired)
                WHERE id = \(bind: saleID.rawValue) AND held >= \(bind: expired)
                RETURNING id
                """
            ).first() != nil
        else { throw PersistenceError.corruptRow(table: "promotion_flash_sales", detail: "held below its claims") }
        return expired
    }
}
