public import Foundation
import Persistence
public import SQLKit
public import TorvCore

/// Units a customer holds in one flash sale, as pricing sees them.
public struct FlashHold: Sendable, Hashable {
    public var sale: FlashSale
    public var units: Int
    /// When the first of the units goes back to the sale.
    public var expiresAt: Date
}

/// Flash-sale units a checkout takes.
public struct FlashSaleUse: Sendable, Hashable, Codable {
    public var saleID: FlashSaleID
    public var units: Int

    public init(saleID: FlashSaleID, units: Int) {
        self.saleID = saleID
        self.units = units
    }
}

/// A flash sale's counters disagree with its claims: only a write outside Promotions can do that.
public struct FlashSaleViolation: Sendable, Hashable {
    public var saleID: FlashSaleID
    public var detail: String
}

extension Promotions {
    /// The units the customer holds now, per sale.
    public func flashHolds(of customerID: String, on db: any SQLDatabase) async throws -> [FlashHold] {
        let now = self.now
        let rows = try await db.raw(
            """
            SELECT sale_id, COUNT(*) AS units, MIN(expires_at) AS expires_at FROM promotion_flash_claims
            WHERE customer_id = \(bind: customerID) AND status = 'held' AND expires_at > \(bind: now.epochMicroseconds)
            GROUP BY sale_id ORDER BY sale_id
            """
        ).all()
        var holds: [FlashHold] = []
        for row in rows {
            let sale = try await PromotionsStore.loadFlashSale(
                try row.id("sale_id", as: FlashSaleID.self, table: "promotion_flash_claims"), on: db)
            holds.append(FlashHold(sale: sale, units: try row.int("units"), expiresAt: try row.date("expires_at")))
        }
        return holds
    }

    /// Turns the customer's held units into ordered ones under the checkout's `reference`: each claim once,
    /// only while unexpired. A claim that expired since the cart was priced refuses the checkout
    /// (`flash_sale_claim_expired`), so the shopper sees the regular price before paying it. Appends
    /// `flash_sale.sold_out` when the last unit is sold.
    public func takeFlashUnits(
        _ uses: [FlashSaleUse], customerID: String, reference: String, on db: any SQLDatabase
    ) async throws {
        let now = self.now
        for use in uses where use.units > 0 {
            let taken = try await db.raw(
                """
                UPDATE promotion_flash_claims
                SET status = 'ordered', reference = \(bind: reference), closed_at = \(bind: now.epochMicroseconds)
                WHERE id IN (
                    SELECT id FROM promotion_flash_claims
                    WHERE sale_id = \(bind: use.saleID.rawValue) AND customer_id = \(bind: customerID)
                      AND status = 'held' AND expires_at > \(bind: now.epochMicroseconds)
                    ORDER BY expires_at, id LIMIT \(bind: use.units))
                  AND status = 'held' AND expires_at > \(bind: now.epochMicroseconds)
                RETURNING id
                """
            ).all().count
            guard taken == use.units else { throw FlashSaleError.claimExpired }
            guard
                let row = try await db.raw(
                    """
                    UPDATE promotion_flash_sales SET held = held - \(bind: taken), sold = sold + \(bind: taken)
                    WHERE id = \(bind: use.saleID.rawValue) AND held >= \(bind: taken)
                    RETURNING sold, withdrawn, quantity, title
                    """
                ).first()
            else { throw PersistenceError.corruptRow(table: "promotion_flash_sales", detail: "held below its claims") }
            let sold = try row.int("sold")
            guard sold + (try row.int("withdrawn")) >= (try row.int("quantity")) else { continue }
            // Stamped once: the guarded update decides which checkout announces the sell-out.
            if try await db.raw(
                """
                UPDATE promotion_flash_sales SET sold_out_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: use.saleID.rawValue) AND sold_out_at IS NULL RETURNING id
                """
            ).first() != nil {
                try await outbox.append(
                    FlashSaleSoldOut(saleID: use.saleID, title: try row.string("title"), sold: sold, at: now), on: db)
            }
        }
    }

    /// The order of `reference` was never paid: its flash-sale units leave the sale for good (its stock
    /// reservation gives them back to regular stock). Idempotent.
    public func releaseFlashUnits(_ reference: String, on db: any SQLDatabase) async throws {
        let now = self.now
        let released = try await db.raw(
            """
            UPDATE promotion_flash_claims SET status = 'released', closed_at = \(bind: now.epochMicroseconds)
            WHERE reference = \(bind: reference) AND status = 'ordered'
            RETURNING sale_id
            """
        ).all().map { try $0.string("sale_id") }
        for (saleID, count) in Dictionary(grouping: released, by: { $0 }).mapValues(\.count).sorted(by: {
            $0.key < $1.key
        }) {
            try await db.raw(
                """
                UPDATE promotion_flash_sales SET sold = sold - \(bind: count), withdrawn = withdrawn + \(bind: count)
                WHERE id = \(bind: saleID)
                """
            ).run()
        }
    }

    /// Gives back the units of every claim whose time is up, in every sale. Returns how many.
    @discardableResult
    public func expireFlashClaims(on db: any SQLDatabase) async throws -> Int {
        let now = self.now
        let due = try await db.raw(
            """
            SELECT DISTINCT sale_id FROM promotion_flash_claims
            WHERE status = 'held' AND expires_at <= \(bind: now.epochMicroseconds) ORDER BY sale_id
            """
        ).all().map { try $0.id("sale_id", as: FlashSaleID.self, table: "promotion_flash_claims") }
        var expired = 0
        for sale in due { expired += try await PromotionsStore.expireClaims(of: sale, at: now, on: db) }
        return expired
    }

    /// The claims of a sale, oldest first (for staff and for the benchmark's checks).
    public func flashClaims(of saleID: FlashSaleID, on db: any SQLDatabase) async throws -> [FlashClaim] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: PromotionsStore.claimColumns) FROM promotion_flash_claims
            WHERE sale_id = \(bind: saleID.rawValue) ORDER BY created_at, id
            """
        ).all().map(PromotionsStore.claim)
    }

    /// Sales whose counters differ from their claims or pass their quantity.
    public func flashSaleViolations(on db: any SQLDatabase) async throws -> [FlashSaleViolation] {
        try await db.raw(
            """
            SELECT s.id, s.quantity, s.held, s.sold, s.withdrawn,
                   (SELECT COUNT(*) FROM promotion_flash_claims c WHERE c.sale_id = s.id AND c.status = 'held') AS h,
                   (SELECT COUNT(*) FROM promotion_flash_claims c WHERE c.sale_id = s.id AND c.status = 'ordered') AS o,
                   (SELECT COUNT(*) FROM promotion_flash_claims c WHERE c.sale_id = s.id AND c.status = 'released') AS r
            FROM promotion_flash_sales s ORDER BY s.id
            """
        ).all().compactMap { row in
            let (held, sold, withdrawn) = (try row.int("held"), try row.int("sold"), try row.int("withdrawn"))
            let (h, o, r) = (try row.int("h"), try row.int("o"), try row.int("r"))
            let quantity = try row.int("quantity")
            guard held != h || sold != o || withdrawn != r || held + sold + withdrawn > quantity else {
                return nil
            }
            return FlashSaleViolation(
                saleID: try row.id("id", as: FlashSaleID.self, table: "promotion_flash_sales"),
                detail: "held \(held)/\(h) claims, sold \(sold)/\(o), withdrawn \(withdrawn)/\(r)")
        }
    }
}
