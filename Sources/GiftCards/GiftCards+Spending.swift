public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension GiftCards {
    /// Spends the cards named by `codes`, in the order given, towards `due`: each pays what it has, up
    /// to what is still due; cards not needed are left alone. Each card is locked before its balance is
    /// read, and the spend is a guarded update, so concurrent checkouts with one card never take more
    /// than it holds. Problems are reported per code (`/gift_cards/<index>`), and nothing is spent unless
    /// every named card can pay.
    public func redeem(
        _ codes: [String], upTo due: Money, reference: String, customerID: String?, on db: any SQLDatabase
    ) async throws -> [GiftCardRedemption] {
        var normalized: [String] = []
        var validator = Validator()
        for (index, code) in codes.enumerated() {
            guard let value = GiftCardCode.normalized(code) else {
                validator.add(GiftCardsError.invalidCode, at: "/gift_cards/\(index)")
                continue
            }
            if normalized.contains(value) { validator.add(GiftCardsError.cardRepeated, at: "/gift_cards/\(index)") }
            normalized.append(value)
        }
        try validator.finish()
        let now = self.now
        return try await Savepoint.atomically("gift_card_redeem", on: db) {
            var remaining = due.amount
            var redemptions: [GiftCardRedemption] = []
            var problems = Validator()
            for (index, code) in normalized.enumerated() {
                let pointer = "/gift_cards/\(index)"
                guard
                    let card = try await GiftCardsStore.card(
                        digest: GiftCardCode.digest(ofNormalized: code), locked: true, on: db)
                else {
                    problems.add(GiftCardsError.cardNotFound, at: pointer)
                    continue
                }
                if let refusal = refusal(of: card, for: due.currency, customerID: customerID, at: now) {
                    problems.add(refusal, at: pointer)
                    continue
                }
                let amount = min(card.balance.amount, remaining)
                guard amount > 0 else { continue }
                switch try await GiftCardsStore.move(
                    card.id, kind: .redeemed, amount: -amount, reference: reference, key: nil,
                    id: GiftCardMovementID.generate(ids, at: now), now: now, on: db)
                {
                case .moved: break
                case .insufficientBalance, .keyTaken:
                    problems.add(GiftCardsError.cardEmpty, at: pointer)
                    continue
                }
                remaining -= amount
                redemptions.append(
                    GiftCardRedemption(
                        cardID: card.id, lastFour: card.lastFour, kind: card.kind,
                        amount: Money(minorUnits: amount, currency: due.currency)))
            }
            try problems.finish()
            if !redemptions.isEmpty {
                try await outbox.append(GiftCardsRedeemed(reference: reference, redemptions: redemptions), on: db)
            }
            return redemptions
        }
    }

    /// Why `card` cannot pay now, if it cannot.
    func refusal(of card: GiftCard, for currency: Currency, customerID: String?, at now: Date) -> GiftCardsError? {
        if card.status == .disabled { return .cardDisabled }
        if card.isExpired(at: now) { return .cardExpired }
        if card.kind == .storeCredit && card.customerID != customerID { return .notYourStoreCredit }
        if card.currency != currency { return .currencyMismatch(card: card.currency, order: currency) }
        if !card.balance.isPositive { return .cardEmpty }
        return nil
    }

    /// Gives back everything the cards paid towards `reference` that is not yet given back, because the
    /// order never got paid. Once per card and reference: releasing again changes nothing.
    @discardableResult
    public func release(_ reference: String, on db: any SQLDatabase) async throws -> [GiftCardRedemption] {
        let now = self.now
        var released: [GiftCardRedemption] = []
        for tender in try await tenders(for: reference, on: db) where tender.outstanding.isPositive {
            let result = try await GiftCardsStore.move(
                tender.cardID, kind: .released, amount: tender.outstanding.amount, reference: reference,
                key: "release:\(reference):\(tender.cardID.rawValue)", id: GiftCardMovementID.generate(ids, at: now),
                now: now, on: db)
            guard result == .moved else { continue }
            released.append(
                GiftCardRedemption(
                    cardID: tender.cardID, lastFour: tender.lastFour, kind: tender.kind, amount: tender.outstanding))
        }
        if !released.isEmpty {
            try await outbox.append(GiftCardsReleased(reference: reference, redemptions: released), on: db)
        }
        return released
    }

    /// Refunds `amount` of a paid order back onto the cards that paid for it, store credit first (it is
    /// the customer's own money), each up to what it paid and was not yet given back. `key` makes the
    /// refund idempotent: the same key refunds once. Returns the movements made (or made before).
    @discardableResult
    public func refund(
        _ amount: Money, to reference: String, key: String, on db: any SQLDatabase
    ) async throws -> [GiftCardMovement] {
        let now = self.now
        let tenders = try await tenders(for: reference, on: db).sorted {
            ($0.kind == .storeCredit ? 0 : 1, $0.cardID.rawValue) < (
                $1.kind == .storeCredit ? 0 : 1, $1.cardID.rawValue
            )
        }
        let earlier = try await movements(keys: tenders.map { "refund:\(key):\($0.cardID.rawValue)" }, on: db)
        if !earlier.isEmpty { return earlier }
        let outstanding = tenders.reduce(Int64(0)) { $0 + $1.outstanding.amount }
        guard amount.amount <= outstanding else {
            throw GiftCardsError.refundExceedsRedeemed(
                outstanding: Money(minorUnits: outstanding, currency: amount.currency))
        }
        let refundedBefore = tenders.reduce(Int64(0)) { $0 + $1.refunded.amount }
        return try await Savepoint.atomically("gift_card_refund", on: db) {
            var remaining = amount.amount
            var made: [GiftCardMovement] = []
            for tender in tenders where remaining > 0 && tender.outstanding.isPositive {
                let part = min(remaining, tender.outstanding.amount)
                let id = GiftCardMovementID.generate(ids, at: now)
                guard
                    try await GiftCardsStore.move(
                        tender.cardID, kind: .refunded, amount: part, reference: reference,
                        key: "refund:\(key):\(tender.cardID.rawValue)", id: id, now: now, on: db) == .moved
                else { continue }
                remaining -= part
                let money = Money(minorUnits: part, currency: amount.currency)
                made.append(
                    GiftCardMovement(
                        id: id, cardID: tender.cardID, kind: .refunded, amount: money, reference: reference,
                        occurredAt: now))
                try await outbox.append(
                    GiftCardRefunded(
                        movementID: id, cardID: tender.cardID, reference: reference, amount: money,
                        refundedBefore: Money(
                            minorUnits: refundedBefore + amount.amount - remaining - part, currency: amount.currency)),
                    on: db)
            }
            return made
        }
    }
}
