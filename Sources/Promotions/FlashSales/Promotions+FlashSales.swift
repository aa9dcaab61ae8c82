public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// Sets up a flash sale. Flows looks up the variant (`productID`, `sku`, its `regularPrice` in the
    /// channel) and then holds the units apart from regular stock (``setStockHold(_:to:on:)``).
    public func createFlashSale(
        _ new: NewFlashSale, productID: String?, sku: String?, regularPrice: Money?, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> FlashSale {
        let now = self.now
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        var validator = Validator()
        if title.isEmpty || title.count > 200 { validator.add(FlashSaleError.invalidTitle, at: "/title") }
        if productID == nil || sku == nil { validator.add(FlashSaleError.variantUnknown, at: "/variant_id") }
        if !(1...1_000_000).contains(new.quantity) { validator.add(FlashSaleError.invalidQuantity, at: "/quantity") }
        if new.perCustomerLimit < 1 || new.perCustomerLimit > max(1, new.quantity) {
            validator.add(FlashSaleError.invalidLimit, at: "/per_customer_limit")
        }
        if !new.price.isPositive {
            validator.add(FlashSaleError.invalidPrice, at: "/price")
        } else if let regularPrice, regularPrice.currency == new.price.currency,
            regularPrice.amount <= new.price.amount
        {
            validator.add(FlashSaleError.notAReduction(regular: regularPrice), at: "/price")
        }
        if new.endsAt <= new.startsAt || new.endsAt <= now {
            validator.add(FlashSaleError.invalidWindow, at: "/ends_at")
        }
        if !(1...1_000_000).contains(new.admissionsPerMinute) {
            validator.add(FlashSaleError.invalidAdmissionRate, at: "/admissions_per_minute")
        }
        if !(1...120).contains(new.holdMinutes) { validator.add(FlashSaleError.invalidHold, at: "/hold_minutes") }
        if let campaign = new.campaignID {
            do { _ = try await self.campaign(campaign, on: db) } catch PromotionsError.campaignNotFound {
                validator.add(PromotionsError.campaignNotFound, at: "/campaign_id")
            }
        }
        try validator.finish()
        guard let productID, let sku else { throw FlashSaleError.variantUnknown }
        let id = FlashSaleID.generate(ids, at: now)
        try await db.raw(
            """
            INSERT INTO promotion_flash_sales
                (id, title, product_id, variant_id, sku, channel, price, currency, quantity, per_customer_limit,
                 admissions_per_minute, hold_seconds, starts_at, ends_at, campaign_id, created_at)
            VALUES (\(bind: id.rawValue), \(bind: title), \(bind: productID), \(bind: new.variantID), \(bind: sku),
                    \(bind: new.channel), \(bind: new.price.amount), \(bind: new.price.currency.code),
                    \(bind: new.quantity), \(bind: new.perCustomerLimit), \(bind: new.admissionsPerMinute),
                    \(bind: new.holdMinutes * 60), \(bind: new.startsAt.epochMicroseconds),
                    \(bind: new.endsAt.epochMicroseconds), \(bind: new.campaignID?.rawValue),
                    \(bind: now.epochMicroseconds))
            """
        ).run()
        try await db.raw(
            "INSERT INTO promotion_flash_queue_heads (sale_id, length) VALUES (\(bind: id.rawValue), 0)"
        ).run()
        _ = try await audit.record(
            "promotion.flash_sale_created", by: actor, target: ("flash_sale", id.rawValue),
            detail: ["title": title, "quantity": String(new.quantity), "sku": sku], on: db)
        return try await PromotionsStore.loadFlashSale(id, on: db)
    }

    /// Records the inventory reservation that keeps the sale's units apart.
    public func setStockHold(_ id: FlashSaleID, to holdID: String, on db: any SQLDatabase) async throws {
        try await db.raw(
            "UPDATE promotion_flash_sales SET stock_hold_id = \(bind: holdID) WHERE id = \(bind: id.rawValue)"
        ).run()
    }

    public func flashSale(_ id: FlashSaleID, on db: any SQLDatabase) async throws -> FlashSale {
        try await PromotionsStore.loadFlashSale(id, on: db)
    }

    /// Flash sales soonest first; `showingAt` keeps those not yet over and not called off.
    public func flashSales(showingAt now: Date? = nil, on db: any SQLDatabase) async throws -> [FlashSale] {
        let filter: SQLQueryString =
            if let now { "WHERE cancelled_at IS NULL AND ends_at > \(bind: now.epochMicroseconds)" } else { "" }
        return try await db.raw(
            "SELECT \(unsafeRaw: PromotionsStore.flashSaleColumns) FROM promotion_flash_sales "
                + filter + " ORDER BY starts_at, id"
        ).all().map(PromotionsStore.flashSale)
    }

    /// Calls off a sale that has not ended: nobody can claim any more; units already ordered stay sold.
    /// Flows gives the stock hold back.
    public func cancelFlashSale(
        _ id: FlashSaleID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> FlashSale {
        let now = self.now
        guard
            try await db.raw(
                """
                UPDATE promotion_flash_sales SET cancelled_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id.rawValue) AND cancelled_at IS NULL AND ends_at > \(bind: now.epochMicroseconds)
                RETURNING id
                """
            ).first() != nil
        else {
            _ = try await PromotionsStore.loadFlashSale(id, on: db)
            throw FlashSaleError.cannotCancel
        }
        _ = try await audit.record(
            "promotion.flash_sale_cancelled", by: actor, target: ("flash_sale", id.rawValue), detail: [:], on: db)
        return try await PromotionsStore.loadFlashSale(id, on: db)
    }
}
