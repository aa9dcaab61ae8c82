import Foundation
import Persistence
import SQLKit
import TorvCore

/// Gift cards' SQL. Internal: other modules see only the facade.
enum GiftCardsStore {
    static let columns = """
        id, last_four, kind, currency, initial_value, balance, status, reason, customer_id, expires_at, note,
        created_at, updated_at
        """

    static func card(_ row: any SQLRow) throws -> GiftCard {
        let currency = try row.currency("currency")
        return GiftCard(
            id: try row.id("id", as: GiftCardID.self, table: "gift_cards"),
            kind: try row.enumeration(
                "kind", as: GiftCardKind.self, table: "gift_cards"),
            lastFour: try row.string("last_four"), currency: currency,
            initialValue: Money(
                minorUnits: try row.decode(column: "initial_value", as: Int64.self), currency: currency),
            balance: Money(minorUnits: try row.decode(column: "balance", as: Int64.self), currency: currency),
            status: try row.enumeration("status", as: GiftCardStatus.self, table: "gift_cards"),
            reason: try row.enumeration("reason", as: GiftCardIssueReason.self, table: "gift_cards"),
            customerID: try row.optionalString("customer_id"), expiresAt: try row.optionalDate("expires_at"),
            note: try row.optionalString("note"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    static func card(_ id: GiftCardID, locked: Bool = false, on db: any SQLDatabase) async throws -> GiftCard? {
        let lock = locked && db.backend == .postgres ? " FOR UPDATE" : ""
        return try await db.raw(
            "SELECT \(unsafeRaw: columns) FROM gift_cards WHERE id = \(bind: id.rawValue)\(unsafeRaw: lock)"
        ).first().map(card)
    }

    static func card(digest: String, locked: Bool = false, on db: any SQLDatabase) async throws -> GiftCard? {
        let lock = locked && db.backend == .postgres ? " FOR UPDATE" : ""
        return try await db.raw(
            "SELECT \(unsafeRaw: columns) FROM gift_cards WHERE code_digest = \(bind: digest)\(unsafeRaw: lock)"
        ).first().map(card)
    }

    static func movement(_ row: any SQLRow, currency: Currency) throws -> GiftCardMovement {
        GiftCardMovement(
            id: try row.id("id", as: GiftCardMovementID.self, table: "gift_card_movements"),
            cardID: try row.id("card_id", as: GiftCardID.self, table: "gift_card_movements"),
            kind: try row.enumeration("kind", as: GiftCardMovementKind.self, table: "gift_card_movements"),
            amount: Money(minorUnits: try row.decode(column: "amount", as: Int64.self), currency: currency),
            reference: try row.optionalString("reference"), occurredAt: try row.date("occurred_at"))
    }

    enum MoveResult { case moved, insufficientBalance, keyTaken }

    /// Appends a movement and moves the balance by `amount` in one go, or neither: refused when the
    /// balance would go below zero or the movement key was used before.
    static func move(
        _ cardID: GiftCardID, kind: GiftCardMovementKind, amount: Int64, reference: String?, key: String?,
        id: GiftCardMovementID, now: Date, on db: any SQLDatabase
    ) async throws -> MoveResult {
        do {
            return try await guardedMove(
                cardID, kind: kind, amount: amount, reference: reference, key: key, id: id, now: now, on: db)
                ? .moved : .insufficientBalance
        } catch is KeyTaken {
            return .keyTaken
        }
    }

    private static func guardedMove(
        _ cardID: GiftCardID, kind: GiftCardMovementKind, amount: Int64, reference: String?, key: String?,
        id: GiftCardMovementID, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await Savepoint.atomically("gift_card_move", on: db) {
            guard
                try await db.raw(
                    """
                    UPDATE gift_cards SET balance = balance + \(bind: amount), updated_at = \(bind: now.epochMicroseconds)
                    WHERE id = \(bind: cardID.rawValue) AND balance + \(bind: amount) >= 0
                    RETURNING id
                    """
                ).first() != nil
            else { return false }
            guard
                try await db.raw(
                    """
                    INSERT INTO gift_card_movements (id, card_id, kind, amount, reference, movement_key, occurred_at)
                    VALUES (\(bind: id.rawValue), \(bind: cardID.rawValue), \(bind: kind.rawValue), \(bind: amount),
                            \(bind: reference), \(bind: key), \(bind: now.epochMicroseconds))
                    ON CONFLICT DO NOTHING RETURNING id
                    """
                ).first() != nil
            else { throw KeyTaken() }
            return true
        }
    }

    private struct KeyTaken: Error {}
}
