public import Persistence
public import SQLKit
public import TorvCore

/// Why a marketplace line cannot be sold now.
public enum OfferStockError: DomainError, Hashable {
    /// The offer has fewer units than asked (possibly none); `available` is what is left.
    case soldOut(available: Int)
    /// The offer is paused, taken down, or its seller is not trading.
    case notForSale

    public var code: String {
        switch self {
        case .soldOut: "out_of_stock"
        case .notForSale: "offer_not_for_sale"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .soldOut: .conflict
        case .notForSale: .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .soldOut(let available):
            available == 0 ? "The seller has sold out of this offer." : "The seller has only \(available) left."
        case .notForSale: "This offer cannot be bought now."
        }
    }
}

extension Sellers {
    /// Offers by ID with their sellers, in any status (the caller decides what is buyable), in two
    /// queries whatever the number of offers. Unknown IDs are left out.
    public func offersForSale(
        _ ids: [SellerOfferID], on db: any SQLDatabase
    ) async throws -> [SellerOfferID: (offer: SellerOffer, seller: Seller)] {
        guard !ids.isEmpty else { return [:] }
        let offers = try await db.raw(
            "SELECT * FROM seller_offers WHERE id IN (\(binds: Array(Set(ids.map(\.rawValue)))))"
        ).all().map(SellersStore.offer)
        let sellers = try await sellers(Array(Set(offers.map(\.sellerID))), on: db)
        var result: [SellerOfferID: (offer: SellerOffer, seller: Seller)] = [:]
        for offer in offers {
            if let seller = sellers[offer.sellerID] { result[offer.id] = (offer, seller) }
        }
        return result
    }

    /// Sellers by ID with their documents, in two queries however many (a cart from ten sellers is priced on
    /// every change).
    func sellers(_ ids: [SellerID], on db: any SQLDatabase) async throws -> [SellerID: Seller] {
        guard !ids.isEmpty else { return [:] }
        let keys = ids.map(\.rawValue)
        var documents: [String: [SellerDocument]] = [:]
        for row in try await db.raw(
            "SELECT * FROM seller_documents WHERE seller_id IN (\(binds: keys)) ORDER BY id"
        ).all() {
            documents[try row.decode(column: "seller_id", as: String.self), default: []].append(
                try SellersStore.document(row))
        }
        var sellers: [SellerID: Seller] = [:]
        for row in try await db.raw("SELECT * FROM sellers WHERE id IN (\(binds: keys))").all() {
            let id = try row.decode(column: "id", as: String.self)
            let seller = try SellersStore.seller(row, documents: documents[id] ?? [])
            sellers[seller.id] = seller
        }
        return sellers
    }

    /// Takes `quantity` units of an active offer for a sale, inside the checkout's transaction. One guarded
    /// statement: of two buyers racing for the last unit, exactly one gets it, on either backend (the
    /// column's `CHECK (quantity >= 0)` backs the guard).
    public func takeStock(_ quantity: Int, of id: SellerOfferID, on db: any SQLDatabase) async throws {
        precondition(quantity > 0, "a sale takes at least one unit")
        let taken = try await db.raw(
            """
            UPDATE seller_offers SET quantity = quantity - \(bind: quantity), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'active' AND quantity >= \(bind: quantity)
            RETURNING quantity
            """
        ).first()
        guard taken == nil else { return }
        guard
            let row = try await db.raw("SELECT quantity, status FROM seller_offers WHERE id = \(bind: id.rawValue)")
                .first(),
            try row.decode(column: "status", as: String.self) == SellerOfferStatus.active.rawValue
        else { throw OfferStockError.notForSale }
        throw OfferStockError.soldOut(available: try row.decode(column: "quantity", as: Int.self))
    }

    /// Gives units of a sale that did not happen (a failed payment, a cancelled sub-order) back to the
    /// offer. The caller makes sure it happens once (the sub-order's guarded status change).
    public func returnStock(_ quantity: Int, to id: SellerOfferID, on db: any SQLDatabase) async throws {
        guard quantity > 0 else { return }
        try await db.raw(
            """
            UPDATE seller_offers SET quantity = quantity + \(bind: quantity), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue)
            """
        ).run()
    }
}
