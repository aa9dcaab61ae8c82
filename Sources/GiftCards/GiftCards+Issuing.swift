public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension GiftCards {
    /// Issues a card worth `new.value` and returns it with its code, shown this once. `key` makes the issue
    /// idempotent: the same key returns the same card (without its code, which is not kept), a different
    /// card under a used key is refused.
    public func issue(
        _ new: NewGiftCard, key: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> (card: GiftCard, code: String?) {
        let now = self.now
        var validator = Validator()
        if !new.value.isPositive || new.value.amount > Self.maximumValue {
            validator.add(GiftCardsError.invalidValue, at: "/value/amount")
        }
        if new.kind == .storeCredit && (new.customerID ?? "").isEmpty {
            validator.add(GiftCardsError.customerRequired, at: "/customer_id")
        }
        if let expiry = new.expiresAt, expiry <= now { validator.add(GiftCardsError.expiryInPast, at: "/expires_at") }
        if let note = new.note, note.count > Self.maximumNote {
            validator.add(GiftCardsError.invalidNote(maximum: Self.maximumNote), at: "/note")
        }
        if key.isEmpty || key.count > 200 { validator.add(GiftCardsError.keyRequired, at: "/key") }
        try validator.finish()

        if let existing = try await card(issueKey: key, on: db) {
            guard existing.kind == new.kind, existing.initialValue == new.value, existing.reason == new.reason,
                existing.customerID == new.customerID
            else { throw GiftCardsError.issueKeyReused }
            return (existing, nil)
        }
        var random = SystemRandomNumberGenerator()
        let code = GiftCardCode.generate(using: &random)
        let normalized = GiftCardCode.normalized(code)!
        let id = GiftCardID.generate(ids, at: now)
        try await Savepoint.atomically("gift_card_issue", on: db) {
            try await db.raw(
                """
                INSERT INTO gift_cards (id, code_digest, last_four, kind, currency, initial_value, balance, status,
                    reason, customer_id, expires_at, note, issue_key, created_at, updated_at)
                VALUES (\(bind: id.rawValue), \(bind: GiftCardCode.digest(ofNormalized: normalized)),
                        \(bind: String(normalized.suffix(4))), \(bind: new.kind.rawValue), \(bind: new.value.currency.code),
                        \(bind: new.value.amount), 0, 'active', \(bind: new.reason.rawValue), \(bind: new.customerID),
                        \(bind: new.expiresAt?.epochMicroseconds), \(bind: new.note), \(bind: key),
                        \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
                """
            ).run()
            _ = try await GiftCardsStore.move(
                id, kind: .issued, amount: new.value.amount, reference: nil, key: nil,
                id: GiftCardMovementID.generate(ids, at: now), now: now, on: db)
            try await outbox.append(
                GiftCardIssued(
                    cardID: id, kind: new.kind, reason: new.reason, value: new.value, customerID: new.customerID),
                on: db)
            _ = try await audit.record(
                "gift_card.issued", by: actor, target: ("gift_card", id.rawValue),
                detail: ["value": "\(new.value)", "kind": new.kind.rawValue, "reason": new.reason.rawValue], on: db)
        }
        return (try await card(id, on: db), code)
    }

    /// Stops a card from being spent (lost, stolen, fraud) or lets it be spent again. Its balance stays
    /// owed either way.
    public func setStatus(
        _ id: GiftCardID, to status: GiftCardStatus, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> GiftCard {
        let now = self.now
        guard
            try await db.raw(
                """
                UPDATE gift_cards SET status = \(bind: status.rawValue), updated_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id.rawValue) RETURNING id
                """
            ).first() != nil
        else { throw GiftCardsError.cardNotFound }
        _ = try await audit.record(
            status == .disabled ? "gift_card.disabled" : "gift_card.enabled", by: actor,
            target: ("gift_card", id.rawValue), detail: ["reason": reason], on: db)
        return try await card(id, on: db)
    }

    func card(issueKey: String, on db: any SQLDatabase) async throws -> GiftCard? {
        try await db.raw(
            "SELECT \(unsafeRaw: GiftCardsStore.columns) FROM gift_cards WHERE issue_key = \(bind: issueKey)"
        ).first().map(GiftCardsStore.card)
    }
}
