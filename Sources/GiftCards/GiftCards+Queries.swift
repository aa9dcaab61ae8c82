public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension GiftCards {
    public func card(_ id: GiftCardID, on db: any SQLDatabase) async throws -> GiftCard {
        guard let card = try await GiftCardsStore.card(id, on: db) else { throw GiftCardsError.cardNotFound }
        return card
    }

    /// The card a shopper's code names; a malformed code and an unknown one get the same answer.
    public func card(code: String, on db: any SQLDatabase) async throws -> GiftCard {
        guard let normalized = GiftCardCode.normalized(code),
            let card = try await GiftCardsStore.card(digest: GiftCardCode.digest(ofNormalized: normalized), on: db)
        else { throw GiftCardsError.cardNotFound }
        return card
    }

    /// Cards, newest first, optionally one customer's or one kind; `after` is the last ID of the previous page.
    public func cards(
        customerID: String? = nil, kind: GiftCardKind? = nil, limit: Int, after: GiftCardID? = nil,
        on db: any SQLDatabase
    ) async throws -> [GiftCard] {
        var query = SQLQueryString("SELECT \(unsafeRaw: GiftCardsStore.columns) FROM gift_cards WHERE 1 = 1")
        if let customerID { query = query + " AND customer_id = \(bind: customerID)" }
        if let kind { query = query + " AND kind = \(bind: kind.rawValue)" }
        if let after { query = query + " AND id < \(bind: after.rawValue)" }
        query = query + " ORDER BY id DESC LIMIT \(bind: limit)"
        return try await db.raw(query).all().map(GiftCardsStore.card)
    }

    /// Every balance change of a card, oldest first.
    public func movements(of id: GiftCardID, on db: any SQLDatabase) async throws -> [GiftCardMovement] {
        let card = try await card(id, on: db)
        return try await db.raw(
            """
            SELECT id, card_id, kind, amount, reference, occurred_at FROM gift_card_movements
            WHERE card_id = \(bind: id.rawValue) ORDER BY id
            """
        ).all().map { try GiftCardsStore.movement($0, currency: card.currency) }
    }

    func movements(keys: [String], on db: any SQLDatabase) async throws -> [GiftCardMovement] {
        guard !keys.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT m.id, m.card_id, m.kind, m.amount, m.reference, m.occurred_at, c.currency
            FROM gift_card_movements m JOIN gift_cards c ON c.id = m.card_id
            WHERE m.movement_key IN (\(binds: keys)) ORDER BY m.id
            """
        ).all().map { try GiftCardsStore.movement($0, currency: try $0.currency("currency")) }
    }

    /// What each card paid towards `reference`, and what of it went back.
    public func tenders(for reference: String, on db: any SQLDatabase) async throws -> [GiftCardTender] {
        try await db.raw(
            """
            SELECT c.id, c.last_four, c.kind, c.currency,
                   CAST(COALESCE(SUM(CASE WHEN m.kind = 'redeemed' THEN -m.amount ELSE 0 END), 0) AS BIGINT) AS redeemed,
                   CAST(COALESCE(SUM(CASE WHEN m.kind = 'released' THEN m.amount ELSE 0 END), 0) AS BIGINT) AS released,
                   CAST(COALESCE(SUM(CASE WHEN m.kind = 'refunded' THEN m.amount ELSE 0 END), 0) AS BIGINT) AS refunded
            FROM gift_card_movements m JOIN gift_cards c ON c.id = m.card_id
            WHERE m.reference = \(bind: reference)
            GROUP BY c.id, c.last_four, c.kind, c.currency ORDER BY c.id
            """
        ).all().map { row in
            let currency = try row.currency("currency")
            func money(_ column: String) throws -> Money {
                Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency)
            }
            return GiftCardTender(
                cardID: try row.id("id", as: GiftCardID.self, table: "gift_cards"),
                lastFour: try row.string("last_four"),
                kind: try row.enumeration("kind", as: GiftCardKind.self, table: "gift_cards"),
                redeemed: try money("redeemed"), released: try money("released"), refunded: try money("refunded"))
        }
    }

    /// What the shop owes on every card, per currency: the gift-card liability the books must show.
    public func outstanding(on db: any SQLDatabase) async throws -> [Money] {
        try await db.raw(
            "SELECT currency, CAST(SUM(balance) AS BIGINT) AS total FROM gift_cards GROUP BY currency ORDER BY currency"
        )
        .all().map {
            Money(minorUnits: try $0.decode(column: "total", as: Int64.self), currency: try $0.currency("currency"))
        }
    }

    /// Cards whose balance differs from the sum of their movements (should never happen).
    public func violations(on db: any SQLDatabase) async throws -> [String] {
        try await db.raw(
            """
            SELECT c.id, c.balance, CAST(COALESCE(SUM(m.amount), 0) AS BIGINT) AS moved
            FROM gift_cards c LEFT JOIN gift_card_movements m ON m.card_id = c.id
            GROUP BY c.id, c.balance HAVING c.balance <> COALESCE(SUM(m.amount), 0)
            """
        ).all().map {
            "gift card \(try $0.string("id")) holds \(try $0.decode(column: "balance", as: Int64.self)) but its "
                + "movements sum to \(try $0.decode(column: "moved", as: Int64.self))"
        }
    }
}
