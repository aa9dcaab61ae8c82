public import Foundation
public import TorvCore

/// Who answers a buy request: a consumer (`cus_…`) to a trade-in, a seller to a quote request.
public enum BuyRespondent: Sendable, Hashable {
    /// A signed-in customer, by ID (customers live in another module).
    case customer(String)
    case seller(SellerID)

    public var kind: String {
        switch self {
        case .customer: "customer"
        case .seller: "seller"
        }
    }

    public var id: String {
        switch self {
        case .customer(let id): id
        case .seller(let id): id.rawValue
        }
    }

    /// The kind of request this respondent may answer.
    public var answers: BuyRequestKind {
        switch self {
        case .customer: .tradeIn
        case .seller: .quote
        }
    }
}

/// One respondent's offer on a request: a price per unit, a quantity and, for a trade-in, a grade.
public struct BuyResponse: Sendable, Hashable {
    public let id: BuyResponseID
    public let requestID: BuyRequestID
    public let respondent: BuyRespondent
    public var unitPrice: Money
    public var quantity: Int
    public var condition: TradeInCondition?
    public var note: String?
    public var status: BuyResponseStatus
    /// How many units the poster took (at most `quantity`); set once accepted.
    public var acceptedQuantity: Int?
    public var decisionReason: String?
    public let createdAt: Date
    public var updatedAt: Date
    public var decidedAt: Date?

    public init(
        id: BuyResponseID, requestID: BuyRequestID, respondent: BuyRespondent, unitPrice: Money, quantity: Int,
        condition: TradeInCondition?, note: String?, status: BuyResponseStatus, acceptedQuantity: Int?,
        decisionReason: String?, createdAt: Date, updatedAt: Date, decidedAt: Date?
    ) {
        self.id = id
        self.requestID = requestID
        self.respondent = respondent
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.condition = condition
        self.note = note
        self.status = status
        self.acceptedQuantity = acceptedQuantity
        self.decisionReason = decisionReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.decidedAt = decidedAt
    }
}

/// A response as the respondent writes or changes it; `nil` fields keep their value on a change.
public struct BuyResponseDraft: Sendable, Hashable {
    public var unitPrice: Money?
    public var quantity: Int?
    public var condition: TradeInCondition?
    public var note: String?

    public init(unitPrice: Money? = nil, quantity: Int? = nil, condition: TradeInCondition? = nil, note: String? = nil)
    {
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.condition = condition
        self.note = note
    }
}
