import Flows
import Foundation
import GiftCards
import Persistence
import SQLKit
import TestSupport
import TorvCore

extension AuditActor {
    static let cashier = AuditActor(kind: "staff", id: "stf_cashier", requestID: "req_test")
}

extension Money {
    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
    static func sek(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .sek) }
}

extension Platform {
    func cards<R: Sendable>(
        _ body: @escaping @Sendable (GiftCards, any SQLDatabase) async throws -> R
    ) async throws -> R {
        let giftCards = self.giftCards
        return try await database.inTransaction { db in try await body(giftCards, db) }
    }

    /// A card worth `value`, with its code.
    func issueCard(
        _ value: Money, kind: GiftCardKind = .giftCard, customerID: String? = nil, expiresAt: Date? = nil,
        reason: GiftCardIssueReason = .sold, key: String = UUID().uuidString
    ) async throws -> (card: GiftCard, code: String) {
        let issued = try await cards { cards, db in
            try await cards.issue(
                NewGiftCard(kind: kind, value: value, reason: reason, customerID: customerID, expiresAt: expiresAt),
                key: key, by: .cashier, on: db)
        }
        return (issued.card, issued.code!)
    }

    func events<E: DomainEvent>(_ type: E.Type) async throws -> [E] {
        let outbox = self.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }
            .filter { $0.type == E.eventType }.map { try $0.decode(E.self) }
    }
}

extension ValidationError {
    /// `pointer code` pairs, for comparing refusals in one expectation.
    var problems: Set<String> { Set(fieldErrors.map { "\($0.pointer) \($0.code)" }) }
}
