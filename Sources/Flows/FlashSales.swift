import Catalog
import Foundation
import Inventory
public import Persistence
public import Promotions
import SQLKit
public import TorvCore

/// Flash sales across modules: the catalogue says what the variant is and costs, Inventory holds the
/// sale's units apart from regular stock, Promotions guards the allocation, the queue and the claims.
public enum FlashSales {
    /// Sets up a sale and holds its units apart, in one transaction: a sale the stock cannot cover is
    /// refused (`out_of_stock`) and nothing is written.
    /// Answers with the price warnings staff should see (a price raised shortly before the sale); when
    /// the shop refuses fake discounts, a sale whose price is not below what shoppers paid recently is
    /// refused (`fake_discount` at `/price`).
    public static func create(
        _ new: NewFlashSale, by actor: AuditActor, on platform: Platform
    ) async throws -> (sale: FlashSale, warnings: [HonestPrices.Warning]) {
        try await platform.database.inTransaction { db in
            let offer = try await regularOffer(
                of: new.variantID, channel: new.channel, currency: new.price.currency,
                at: new.startsAt, on: platform, db: db)
            var sale = try await platform.promotions.createFlashSale(
                new, productID: offer?.productID.rawValue, sku: offer?.sku, regularPrice: offer?.unitPrice, by: actor,
                on: db)
            // Held until the last claim made before the end can still be ordered.
            let until = sale.endsAt.addingTimeInterval(Double(sale.room.holdSeconds))
            let hold = try await platform.inventory.reserve(
                [StockRequest(sku: sale.sku, quantity: sale.quantity)], for: "flash_sale:\(sale.id.rawValue)",
                until: until, on: db)
            guard hold.lines.allSatisfy({ $0.backordered == 0 }) else {
                let backordered = hold.lines.reduce(0) { $0 + $1.backordered }
                throw InventoryError.outOfStock(
                    sku: sale.sku, line: 0, requested: sale.quantity, available: sale.quantity - backordered)
            }
            try await platform.promotions.setStockHold(sale.id, to: hold.id.rawValue, on: db)
            sale.stockHoldID = hold.id.rawValue
            let warnings = try await HonestPrices.check(
                variant: sale.variantID, channel: sale.channel, startsAt: sale.startsAt, reducedPrice: sale.price,
                on: platform, db: db)
            try await HonestPrices.refuseIfMisleading(warnings, at: "/price", on: platform, db: db)
            return (sale, warnings)
        }
    }

    /// Calls a sale off and gives its unsold units back to regular stock.
    public static func cancel(_ id: FlashSaleID, by actor: AuditActor, on platform: Platform) async throws -> FlashSale
    {
        try await platform.database.inTransaction { db in
            let sale = try await platform.promotions.cancelFlashSale(id, by: actor, on: db)
            if let hold = sale.stockHoldID.flatMap(StockReservationID.init),
                try await platform.inventory.reservation(hold, on: db).status == .held
            {
                _ = try await platform.inventory.release(hold, on: db)
            }
            return sale
        }
    }

    /// A sale as the storefront shows it: the sale, the prior price (the lowest price of the 30 days
    /// before the sale started, EU Omnibus) and the shopper's place in the queue.
    public struct Showing: Sendable, Hashable {
        public var sale: FlashSale
        public var phase: FlashSalePhase
        /// The regular price now (what the reduction is from).
        public var regularPrice: Money?
        /// The lowest price of the 30 days before the sale started.
        public var priorPrice: Money?
        public var secondsLeft: Int
    }

    public static func showing(on platform: Platform) async throws -> [Showing] {
        let now = platform.clock.now()
        return try await platform.database.read { db in
            var shown: [Showing] = []
            for sale in try await platform.promotions.flashSales(showingAt: now, on: db) {
                shown.append(try await showing(sale, at: now, on: platform, db: db))
            }
            return shown
        }
    }

    public static func showing(_ id: FlashSaleID, on platform: Platform) async throws -> Showing {
        let now = platform.clock.now()
        return try await platform.database.read { db in
            try await showing(try await platform.promotions.flashSale(id, on: db), at: now, on: platform, db: db)
        }
    }

    static func showing(
        _ sale: FlashSale, at now: Date, on platform: Platform, db: any SQLDatabase
    ) async throws
        -> Showing
    {
        let phase = sale.phase(at: now)
        let until = phase == .scheduled ? sale.startsAt : sale.endsAt
        let offer = try await regularOffer(
            of: sale.variantID, channel: sale.channel, currency: sale.price.currency, at: now, on: platform, db: db)
        // The prior price by the shop's Omnibus policy, measured before the sale started.
        let reference = try await VariantID(sale.variantID).asyncMap { variant in
            try await platform.catalog.referencePrice(
                of: variant, channel: sale.channel, currency: sale.price.currency, reductionStartsAt: sale.startsAt,
                on: db)
        }
        return Showing(
            sale: sale, phase: phase, regularPrice: offer?.unitPrice, priorPrice: reference?.price,
            secondsLeft: max(0, Int(until.timeIntervalSince(now).rounded(.up))))
    }

    /// Where the customer's place stands, with the sale.
    public struct Place: Sendable, Hashable {
        public var ticket: QueueTicket
        public var status: QueueStatus
        public var sale: FlashSale
    }

    public static func join(
        _ id: FlashSaleID, customerID: String, clientAddress: String?, on platform: Platform
    ) async throws -> Place {
        let now = platform.clock.now()
        let (ticket, sale) = try await platform.database.inTransaction { db in
            try await platform.promotions.joinQueue(id, customerID: customerID, clientAddress: clientAddress, on: db)
        }
        return Place(ticket: ticket, status: ticket.status(at: now, in: sale), sale: sale)
    }

    public static func place(_ id: FlashSaleID, customerID: String, on platform: Platform) async throws -> Place {
        let now = platform.clock.now()
        return try await platform.database.read { db in
            let sale = try await platform.promotions.flashSale(id, on: db)
            guard let ticket = try await platform.promotions.queueTicket(id, customerID: customerID, on: db) else {
                throw FlashSaleError.notInQueue
            }
            return Place(ticket: ticket, status: ticket.status(at: now, in: sale), sale: sale)
        }
    }

    public static func claim(
        _ id: FlashSaleID, customerID: String, token: String, quantity: Int, on platform: Platform
    ) async throws -> (claims: [FlashClaim], sale: FlashSale) {
        try await platform.database.inTransaction { db in
            let claims = try await platform.promotions.claim(
                id, customerID: customerID, token: token, quantity: quantity, on: db)
            return (claims, try await platform.promotions.flashSale(id, on: db))
        }
    }

    /// The regular public price of the variant in the channel and currency at `moment`; `nil` when the
    /// variant is unknown or has no price there.
    static func regularOffer(
        of variantID: String, channel: String, currency: Currency, at moment: Date, on platform: Platform,
        db: any SQLDatabase
    ) async throws -> Offer? {
        guard let id = VariantID(variantID) else { return nil }
        let answers = try await platform.catalog.offers(
            for: [OfferRequest(variantID: id, quantity: 1)],
            in: PricingContext(channel: channel, currency: currency, at: moment), on: db)
        return try? answers.first?.get()
    }

    /// Sales whose counters disagree with their claims, or whose stock hold holds other than the units
    /// not yet sold.
    static func violations(on platform: Platform, db: any SQLDatabase) async throws -> [String] {
        var found = try await platform.promotions.flashSaleViolations(on: db).map { "\($0.saleID): \($0.detail)" }
        for sale in try await platform.promotions.flashSales(on: db) {
            guard let holdID = sale.stockHoldID.flatMap(StockReservationID.init) else { continue }
            let hold = try await platform.inventory.reservation(holdID, on: db)
            guard hold.status == .held else { continue }
            let units = hold.lines.filter { $0.sku == sale.sku }.reduce(0) { $0 + $1.quantity }
            if units != sale.quantity - sale.sold - sale.withdrawn {
                found.append(
                    "\(sale.id): stock hold has \(units) units, sale has \(sale.quantity - sale.sold - sale.withdrawn) unsold"
                )
            }
        }
        return found
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
