public import TorvCore

/// Units of one order line, as events carry them.
public struct EventLine: Sendable, Hashable, Codable {
    public let lineID: OrderLineID
    public let sku: String
    public let quantity: Int
}

/// An order was placed (`order.placed`). Ledger, analytics and affiliates follow it.
public struct OrderPlaced: DomainEvent, Hashable {
    public static let eventType = "order.placed"
    public let orderID: OrderID
    public let number: String
    public let status: OrderStatus
    public let customerID: String?
    public let companyID: String?
    public let channel: String
    public let grandTotal: Money
    public let tax: Money
    public let stockReservationID: String?
    public let lines: [EventLine]
}

/// A buyer's company approved an order above the buyer's limit (`order.approved`).
public struct OrderApproved: DomainEvent, Hashable {
    public static let eventType = "order.approved"
    public let orderID: OrderID
    public let number: String
}

/// The order was paid (`order.paid`).
public struct OrderPaid: DomainEvent, Hashable {
    public static let eventType = "order.paid"
    public let orderID: OrderID
    public let number: String
    public let paymentID: String
    public let amount: Money
}

/// The order was cancelled or its approval rejected (`order.cancelled`).
public struct OrderCancelled: DomainEvent, Hashable {
    public static let eventType = "order.cancelled"
    public let orderID: OrderID
    public let number: String
    public let reason: String
    public let previousStatus: OrderStatus
    public let stockReservationID: String?
}

/// A note was added to the order (`order.note_added`); customer-visible notes may be mailed.
public struct OrderNoteAdded: DomainEvent, Hashable {
    public static let eventType = "order.note_added"
    public let orderID: OrderID
    public let text: String
    public let visibleToCustomer: Bool
}

/// A fulfilment moved (`fulfilment.created`, `.shipped`, `.ready_for_pickup`, `.collected`,
/// `.delivered`); one payload shape, the type says which step.
public struct FulfilmentEvent: Sendable, Hashable, Codable {
    public let fulfilmentID: FulfilmentID
    public let orderID: OrderID
    public let status: FulfilmentStatus
    public let locationID: String?
    public let carrier: String?
    public let trackingNumber: String?
    public let lines: [EventLine]
    /// The order's status after this step.
    public let orderStatus: OrderStatus
}

public struct FulfilmentCreated: DomainEvent, Hashable {
    public static let eventType = "fulfilment.created"
    public let fulfilment: FulfilmentEvent
}

public struct FulfilmentShipped: DomainEvent, Hashable {
    public static let eventType = "fulfilment.shipped"
    public let fulfilment: FulfilmentEvent
}

public struct FulfilmentReadyForPickup: DomainEvent, Hashable {
    public static let eventType = "fulfilment.ready_for_pickup"
    public let fulfilment: FulfilmentEvent
}

public struct FulfilmentCollected: DomainEvent, Hashable {
    public static let eventType = "fulfilment.collected"
    public let fulfilment: FulfilmentEvent
}

public struct FulfilmentDelivered: DomainEvent, Hashable {
    public static let eventType = "fulfilment.delivered"
    public let fulfilment: FulfilmentEvent
}

/// A return moved; one payload shape, the type says which step.
public struct ReturnEvent: Sendable, Hashable, Codable {
    public let returnID: ReturnID
    public let number: String
    public let orderID: OrderID
    public let status: ReturnStatus
    public let lines: [EventLine]
}

public struct ReturnRequested: DomainEvent, Hashable {
    public static let eventType = "return.requested"
    public let orderReturn: ReturnEvent
}

public struct ReturnApproved: DomainEvent, Hashable {
    public static let eventType = "return.approved"
    public let orderReturn: ReturnEvent
}

public struct ReturnRejected: DomainEvent, Hashable {
    public static let eventType = "return.rejected"
    public let orderReturn: ReturnEvent
    public let reason: String
}

public struct ReturnReceived: DomainEvent, Hashable {
    public static let eventType = "return.received"
    public let orderReturn: ReturnEvent
}

/// Inspected (`return.inspected`): `restocked` goes back to stock, `writtenOff` does not.
public struct ReturnInspected: DomainEvent, Hashable {
    public static let eventType = "return.inspected"
    public let orderReturn: ReturnEvent
    public let restocked: [EventLine]
    public let writtenOff: [EventLine]
}

public struct ReturnRefunded: DomainEvent, Hashable {
    public static let eventType = "return.refunded"
    public let orderReturn: ReturnEvent
    public let amount: Money
    public let paymentRefundID: String
}

public struct FulfilmentPicked: DomainEvent, Hashable {
    public static let eventType = "fulfilment.picked"
    public let fulfilment: FulfilmentEvent
}

public struct FulfilmentPacked: DomainEvent, Hashable {
    public static let eventType = "fulfilment.packed"
    public let fulfilment: FulfilmentEvent
}
