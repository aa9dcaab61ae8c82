import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Sellers {
    public static let maximumOfferQuantity = 1_000_000

    /// Lists a catalogue variant for the seller. The catalogue facts in `offer` come from the caller's
    /// lookup, never from the seller's request. A live (active) offer needs an approved seller; a paused
    /// one may be prepared during onboarding.
    public func createOffer(
        for sellerID: SellerID, _ offer: NewSellerOffer, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerOffer {
        var v = Validator()
        Self.check(
            price: offer.price, quantity: offer.quantity, handlingDays: offer.handlingDays, note: offer.conditionNote,
            into: &v)
        try v.finish()
        let seller = try await seller(sellerID, on: db)
        guard seller.status != .closed, seller.status != .suspended else {
            throw SellersError.sellerNotTrading(seller.status)
        }
        if offer.status == .active && seller.status != .approved { throw SellersError.sellerNotTrading(seller.status) }
        let now = self.now
        let id = SellerOfferID.generate(ids, at: now)
        let inserted = try await db.raw(
            """
            INSERT INTO seller_offers (id, seller_id, product_id, variant_id, sku, title, condition, condition_note,
                price, currency, quantity, handling_days, status, created_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: sellerID.rawValue), \(bind: offer.productID), \(bind: offer.variantID),
                    \(bind: offer.sku), \(bind: offer.title), \(bind: offer.condition.rawValue), \(bind: offer.conditionNote),
                    \(bind: offer.price.amount), \(bind: offer.price.currency.code), \(bind: offer.quantity),
                    \(bind: offer.handlingDays), \(bind: offer.status.rawValue), \(bind: now.epochMicroseconds),
                    \(bind: now.epochMicroseconds))
            ON CONFLICT (seller_id, variant_id, condition) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw SellersError.offerExists }
        try await audit.record("seller_offer.created", by: actor, target: ("seller_offer", id.rawValue), on: db)
        return try await self.offer(id, of: sellerID, on: db)
    }

    /// Changes one of the seller's own offers. Another seller's offer is `offer_not_found`.
    public func updateOffer(
        _ id: SellerOfferID, of sellerID: SellerID, _ changes: SellerOfferChanges, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> SellerOffer {
        let current = try await offer(id, of: sellerID, on: db)
        var v = Validator()
        Self.check(
            price: changes.price ?? current.price, quantity: changes.quantity ?? current.quantity,
            handlingDays: changes.handlingDays ?? current.handlingDays, note: changes.conditionNote, into: &v)
        if let price = changes.price {
            v.check(
                price.currency == current.price.currency, "/price/currency",
                "must stay \(current.price.currency.code); make a new offer for another currency",
                code: "currency_mismatch")
        }
        try v.finish()
        if changes.status == .active {
            let seller = try await seller(sellerID, on: db)
            guard seller.status == .approved else { throw SellersError.sellerNotTrading(seller.status) }
            let takenDown = try await db.raw(
                "SELECT taken_down_at FROM seller_offers WHERE id = \(bind: id.rawValue) AND taken_down_at IS NOT NULL"
            ).first()
            guard takenDown == nil else { throw SellersError.offerTakenDown }
        }
        let price = changes.price ?? current.price
        try await db.raw(
            """
            UPDATE seller_offers SET price = \(bind: price.amount),
                quantity = \(bind: changes.quantity ?? current.quantity),
                handling_days = \(bind: changes.handlingDays ?? current.handlingDays),
                condition_note = \(bind: changes.conditionNote ?? current.conditionNote),
                status = \(bind: (changes.status ?? current.status).rawValue),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID.rawValue)
            """
        ).run()
        try await audit.record("seller_offer.changed", by: actor, target: ("seller_offer", id.rawValue), on: db)
        return try await offer(id, of: sellerID, on: db)
    }

    /// One of the seller's own offers.
    public func offer(_ id: SellerOfferID, of sellerID: SellerID, on db: any SQLDatabase) async throws -> SellerOffer {
        guard
            let row = try await db.raw(
                """
                SELECT * FROM seller_offers WHERE id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID.rawValue)
                """
            ).first()
        else { throw SellersError.offerNotFound }
        return try SellersStore.offer(row)
    }

    /// The seller's own offers in creation order.
    public func offers(
        of sellerID: SellerID, after cursor: SellerOfferID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerOffer] {
        try await db.raw(
            """
            SELECT * FROM seller_offers WHERE seller_id = \(bind: sellerID.rawValue) AND id > \(bind: cursor?.rawValue ?? "")
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(SellersStore.offer)
    }

    /// Every active offer of a product by a seller who is approved, with the seller: what a product
    /// page shows and the buy box ranks. Sellers on holiday are included (shown, not buyable).
    public func liveOffers(
        forProduct productID: String, on db: any SQLDatabase
    ) async throws -> [(offer: SellerOffer, seller: Seller)] {
        let rows = try await db.raw(
            """
            SELECT o.* FROM seller_offers o JOIN sellers s ON s.id = o.seller_id
            WHERE o.product_id = \(bind: productID) AND o.status = 'active' AND s.status = 'approved'
            ORDER BY o.id
            """
        ).all()
        var sellers: [SellerID: Seller] = [:]
        var result: [(offer: SellerOffer, seller: Seller)] = []
        for row in rows {
            let offer = try SellersStore.offer(row)
            if sellers[offer.sellerID] == nil { sellers[offer.sellerID] = try await seller(offer.sellerID, on: db) }
            result.append((offer, sellers[offer.sellerID]!))
        }
        return result
    }

    static func check(price: Money, quantity: Int, handlingDays: Int?, note: String?, into v: inout Validator) {
        v.check(price.isPositive, "/price/amount", "must be more than zero", code: "out_of_range")
        v.check(
            (0...maximumOfferQuantity).contains(quantity), "/quantity", "must be 0 to \(maximumOfferQuantity)",
            code: "out_of_range")
        if let handlingDays {
            v.check((0...60).contains(handlingDays), "/handling_days", "must be 0 to 60", code: "out_of_range")
        }
        if let note {
            v.check(note.count <= 500, "/condition_note", "must be at most 500 characters", code: "too_long")
        }
    }
}
