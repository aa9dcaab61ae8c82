import Flows
import Foundation
import GiftCards
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listGiftCards(_ input: Operations.ListGiftCards.Input) async throws -> Operations.ListGiftCards.Output {
        let limit = try Paging.limit(input.query.limit)
        let after = try Paging.cursor(input.query.after, as: GiftCardID.self)
        let kind = input.query.kind.flatMap { GiftCardKind(rawValue: $0.rawValue) }
        let customer = input.query.customerId
        let giftCards = platform.giftCards
        let fetched = try await platform.database.read { db in
            try await giftCards.cards(customerID: customer, kind: kind, limit: limit + 1, after: after, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }

    func issueGiftCard(_ input: Operations.IssueGiftCard.Input) async throws -> Operations.IssueGiftCard.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let new = NewGiftCard(
            kind: body.kind.flatMap { GiftCardKind(rawValue: $0.rawValue) } ?? .giftCard,
            value: try Self.money(body.value, at: "/value"),
            reason: GiftCardIssueReason(rawValue: body.reason.rawValue) ?? .goodwill, customerID: body.customerId,
            expiresAt: body.expiresAt, note: body.note)
        let actor = try actor()
        // The idempotency middleware replays a retried request; the key also makes the card itself unique.
        let key = input.headers.idempotencyKey ?? UUID().uuidString
        let giftCards = platform.giftCards
        let issued = try await platform.database.inTransaction { db in
            try await giftCards.issue(new, key: "\(actor.kind):\(actor.id):\(key)", by: actor, on: db)
        }
        return .created(.init(body: .json(.init(card: .init(issued.card), code: issued.code))))
    }

    func getGiftCard(_ input: Operations.GetGiftCard.Input) async throws -> Operations.GetGiftCard.Output {
        let id = try pathID(input.path.giftCardId, as: GiftCardID.self, notFound: GiftCardsError.cardNotFound)
        let giftCards = platform.giftCards
        let (card, movements) = try await platform.database.read { db in
            (try await giftCards.card(id, on: db), try await giftCards.movements(of: id, on: db))
        }
        return .ok(.init(body: .json(.init(card: .init(card), movements: movements.map { .init($0) }))))
    }

    func setGiftCardStatus(
        _ input: Operations.SetGiftCardStatus.Input
    ) async throws -> Operations.SetGiftCardStatus.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.giftCardId, as: GiftCardID.self, notFound: GiftCardsError.cardNotFound)
        let status: GiftCardStatus = body.status == .disabled ? .disabled : .active
        let actor = try actor()
        let giftCards = platform.giftCards
        let card = try await platform.database.inTransaction { db in
            try await giftCards.setStatus(id, to: status, reason: body.reason, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(card))))
    }

    func checkGiftCardBalance(
        _ input: Operations.CheckGiftCardBalance.Input
    ) async throws -> Operations.CheckGiftCardBalance.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let giftCards = platform.giftCards
        let card = try await platform.database.read { db in try await giftCards.card(code: body.code, on: db) }
        // Store credit is spent by its owner alone; to anyone else its code is just a wrong code.
        if card.kind == .storeCredit, (try? Caller.customer().rawValue) != card.customerID {
            throw GiftCardsError.cardNotFound
        }
        let status: Operations.CheckGiftCardBalance.Output.Ok.Body.JsonPayload.StatusPayload =
            card.status == .disabled ? .disabled : card.isExpired(at: platform.clock.now()) ? .expired : .active
        return .ok(
            .init(
                body: .json(
                    .init(
                        balance: .init(card.balance), status: status, lastFour: card.lastFour,
                        expiresAt: card.expiresAt))))
    }

    func listMyStoreCredit(
        _ input: Operations.ListMyStoreCredit.Input
    ) async throws -> Operations.ListMyStoreCredit.Output {
        let customer = try Caller.customer().rawValue
        let giftCards = platform.giftCards
        let cards = try await platform.database.read { db in
            try await giftCards.cards(customerID: customer, kind: .storeCredit, limit: 100, on: db)
        }
        return .ok(.init(body: .json(.init(items: cards.map { .init($0) }))))
    }
}

extension Components.Schemas.GiftCard {
    init(_ card: GiftCard) {
        self.init(
            id: card.id.rawValue, kind: .init(rawValue: card.kind.rawValue) ?? .giftCard, lastFour: card.lastFour,
            initialValue: .init(card.initialValue), balance: .init(card.balance),
            status: .init(rawValue: card.status.rawValue) ?? .active,
            reason: .init(rawValue: card.reason.rawValue) ?? .sold, customerId: card.customerID,
            expiresAt: card.expiresAt, note: card.note, createdAt: card.createdAt)
    }
}

extension Components.Schemas.GiftCardMovement {
    init(_ movement: GiftCardMovement) {
        self.init(
            id: movement.id.rawValue, kind: .init(rawValue: movement.kind.rawValue) ?? .issued,
            amount: .init(movement.amount), reference: movement.reference, occurredAt: movement.occurredAt)
    }
}
