public import Foundation
public import TorvCore

/// Who posted a buy request: an approved business seller, or the marketplace itself (the operator's own
/// buy-back programme).
public enum BuyRequestPoster: Sendable, Hashable {
    case seller(SellerID)
    case marketplace

    public var sellerID: SellerID? {
        if case .seller(let id) = self { id } else { nil }
    }
}

/// A business asking to buy: used items from consumers (`trade_in`) or quotes from sellers (`quote`).
public struct BuyRequest: Sendable, Hashable {
    public let id: BuyRequestID
    public let poster: BuyRequestPoster
    public let kind: BuyRequestKind
    public let title: String
    public let description: String
    /// Grades a trade-in takes; empty for a quote.
    public let acceptedConditions: [TradeInCondition]
    /// The most a trade-in pays per unit; `nil` for a quote.
    public let unitPriceCeiling: Money?
    public let currency: Currency
    public let wantedQuantity: Int
    public var acceptedQuantity: Int
    /// When a quote's goods are needed.
    public let neededBy: Date?
    public let deadline: Date
    /// As stored; see ``status(at:)`` for what a reader sees.
    public var storedStatus: BuyRequestStatus
    public let createdAt: Date
    public var closedAt: Date?

    public init(
        id: BuyRequestID, poster: BuyRequestPoster, kind: BuyRequestKind, title: String, description: String,
        acceptedConditions: [TradeInCondition], unitPriceCeiling: Money?, currency: Currency, wantedQuantity: Int,
        acceptedQuantity: Int, neededBy: Date?, deadline: Date, storedStatus: BuyRequestStatus, createdAt: Date,
        closedAt: Date?
    ) {
        self.id = id
        self.poster = poster
        self.kind = kind
        self.title = title
        self.description = description
        self.acceptedConditions = acceptedConditions
        self.unitPriceCeiling = unitPriceCeiling
        self.currency = currency
        self.wantedQuantity = wantedQuantity
        self.acceptedQuantity = acceptedQuantity
        self.neededBy = neededBy
        self.deadline = deadline
        self.storedStatus = storedStatus
        self.createdAt = createdAt
        self.closedAt = closedAt
    }

    public var remainingQuantity: Int { wantedQuantity - acceptedQuantity }

    public func status(at now: Date) -> BuyRequestStatus {
        BuyRequestStatus.effective(storedStatus, deadline: deadline, at: now)
    }
}

/// A buy request as the poster writes it.
public struct NewBuyRequest: Sendable, Hashable {
    public var kind: BuyRequestKind
    public var title: String
    public var description: String
    public var acceptedConditions: [TradeInCondition]
    public var unitPriceCeiling: Money?
    public var currency: Currency
    public var wantedQuantity: Int
    public var neededBy: Date?
    public var deadline: Date

    public init(
        kind: BuyRequestKind, title: String, description: String, acceptedConditions: [TradeInCondition] = [],
        unitPriceCeiling: Money? = nil, currency: Currency, wantedQuantity: Int, neededBy: Date? = nil,
        deadline: Date
    ) {
        self.kind = kind
        self.title = title
        self.description = description
        self.acceptedConditions = acceptedConditions
        self.unitPriceCeiling = unitPriceCeiling
        self.currency = currency
        self.wantedQuantity = wantedQuantity
        self.neededBy = neededBy
        self.deadline = deadline
    }
}

/// One step on a request's append-only trail: who decided what, when.
public struct BuyRequestStep: Sendable, Hashable, Codable {
    public let action: String
    /// `kind:id` of the actor (`seller_user:…`, `staff:…`, `customer:…`, `system:deadline`).
    public let actor: String
    public let responseID: BuyResponseID?
    public let note: String?
    public let at: Date

    public init(action: String, actor: String, responseID: BuyResponseID?, note: String?, at: Date) {
        self.action = action
        self.actor = actor
        self.responseID = responseID
        self.note = note
        self.at = at
    }
}

/// A request as its poster sees it: every response and the whole trail.
public struct BuyRequestFile: Sendable, Hashable {
    public let request: BuyRequest
    public let responses: [BuyResponse]
    public let trail: [BuyRequestStep]

    public init(request: BuyRequest, responses: [BuyResponse], trail: [BuyRequestStep]) {
        self.request = request
        self.responses = responses
        self.trail = trail
    }
}
