public import Foundation
public import TorvCore

/// A business posted a buy request (`buy_request.posted`); `sellerID` is absent for the marketplace's own.
public struct BuyRequestPosted: DomainEvent, Hashable {
    public static let eventType = "buy_request.posted"
    public let requestID: BuyRequestID
    public let sellerID: SellerID?
    public let kind: BuyRequestKind
    public let wantedQuantity: Int
    public let deadline: Date
}

/// Someone responded to a request (`buy_request.response_received`): the poster's notification.
public struct BuyResponseReceived: DomainEvent, Hashable {
    public static let eventType = "buy_request.response_received"
    public let requestID: BuyRequestID
    public let responseID: BuyResponseID
    public let sellerID: SellerID?
}

/// The poster took units of a response (`buy_request.response_accepted`): the deal both sides act on.
public struct BuyResponseAccepted: DomainEvent, Hashable {
    public static let eventType = "buy_request.response_accepted"
    public let requestID: BuyRequestID
    public let responseID: BuyResponseID
    public let respondentKind: String
    public let respondentID: String
    public let quantity: Int
    public let unitPrice: Money
}

/// A response was declined (`buy_request.response_declined`), by the poster or because the request ended.
public struct BuyResponseDeclined: DomainEvent, Hashable {
    public static let eventType = "buy_request.response_declined"
    public let requestID: BuyRequestID
    public let responseID: BuyResponseID
    public let respondentKind: String
    public let respondentID: String
    public let reason: String?
}

/// A request ended (`buy_request.ended`): filled or closed, cancelled or expired.
public struct BuyRequestEnded: DomainEvent, Hashable {
    public static let eventType = "buy_request.ended"
    public let requestID: BuyRequestID
    public let status: BuyRequestStatus
    public let acceptedQuantity: Int
}
