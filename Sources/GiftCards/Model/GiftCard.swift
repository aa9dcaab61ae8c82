public import Foundation
public import TorvCore

/// Stored value the shop owes its holder: a gift card (whoever knows the code may spend it) or store
/// credit (bound to one customer, spent only by them). Both are spent at checkout like money.
public struct GiftCard: Sendable, Hashable, Codable, Identifiable {
    public var id: GiftCardID
    public var kind: GiftCardKind
    /// The last four characters of the code, to tell cards apart; the code itself is never stored.
    public var lastFour: String
    public var currency: Currency
    /// The value it was issued with.
    public var initialValue: Money
    /// What is left to spend; never negative (a CHECK and a guarded update).
    public var balance: Money
    public var status: GiftCardStatus
    public var reason: GiftCardIssueReason
    /// Store credit's owner; a gift card may also name the customer it was given to.
    public var customerID: String?
    public var expiresAt: Date?
    public var note: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// Whether it can pay for something at `now`.
    public func isSpendable(at now: Date) -> Bool {
        status == .active && balance.isPositive && !isExpired(at: now)
    }

    public func isExpired(at now: Date) -> Bool {
        expiresAt.map { $0 <= now } ?? false
    }
}

public enum GiftCardKind: String, Sendable, Hashable, Codable, CaseIterable {
    case giftCard = "gift_card"
    case storeCredit = "store_credit"
}

public enum GiftCardStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    /// Staff stopped it (lost, stolen, fraud); its balance stays owed but cannot be spent.
    case disabled
}

/// Why the card exists, which decides how its issue is booked.
public enum GiftCardIssueReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sold for money paid to the shop's bank (at the counter, to a company): the bank gains what the
    /// shop now owes.
    case sold
    /// Given away (a goodwill gesture, a competition prize): a promotional cost.
    case goodwill
}

/// A card as it was issued: the only time its code is shown.
public struct IssuedGiftCard: Sendable, Hashable {
    public var card: GiftCard
    /// Formatted `XXXX-XXXX-XXXX-XXXX`.
    public var code: String
}

/// What staff ask for when issuing a card.
public struct NewGiftCard: Sendable, Hashable {
    public var kind: GiftCardKind
    public var value: Money
    public var reason: GiftCardIssueReason
    public var customerID: String?
    public var expiresAt: Date?
    public var note: String?

    public init(
        kind: GiftCardKind = .giftCard, value: Money, reason: GiftCardIssueReason, customerID: String? = nil,
        expiresAt: Date? = nil, note: String? = nil
    ) {
        self.kind = kind
        self.value = value
        self.reason = reason
        self.customerID = customerID
        self.expiresAt = expiresAt
        self.note = note
    }
}
