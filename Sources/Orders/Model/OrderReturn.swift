public import Foundation
public import Persistence
public import TorvCore

/// Where a return (RMA) is: requested → approved → received → inspected → refunded, or rejected.
public enum ReturnStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case requested
    case approved
    case rejected
    case received
    case inspected
    case refunded
}

/// The return state machine as a pure rule. A refund may follow receipt directly (the merchant refunds
/// on arrival) or follow inspection.
public enum ReturnStateMachine {
    public static let transitions: [ReturnStatus: Set<ReturnStatus>] = [
        .requested: [.approved, .rejected],
        .approved: [.received],
        .received: [.inspected, .refunded],
        .inspected: [.refunded],
        .rejected: [],
        .refunded: [],
    ]

    public static func canMove(from: ReturnStatus, to: ReturnStatus) -> Bool {
        transitions[from]?.contains(to) ?? false
    }

    static func sources(of to: ReturnStatus) -> [ReturnStatus] {
        ReturnStatus.allCases.filter { canMove(from: $0, to: to) }
    }
}

/// Who asked for a return.
public enum ReturnRequester: Sendable, Hashable {
    /// The buyer, by customer ID: only their own orders.
    case customer(String)
    case staff(AuditActor)

    var actor: AuditActor {
        switch self {
        case .customer(let id): AuditActor(kind: "customer", id: id)
        case .staff(let actor): actor
        }
    }
}

/// What happens to returned units after inspection.
public enum InspectionOutcome: String, Sendable, Hashable, Codable {
    /// Back to sellable stock.
    case restock
    /// Damaged or unsellable.
    case writeOff = "write_off"
}

/// One line of a return request.
public struct ReturnRequestLine: Sendable, Hashable {
    public var lineID: OrderLineID
    public var quantity: Int
    public var reason: String

    public init(lineID: OrderLineID, quantity: Int, reason: String) {
        self.lineID = lineID
        self.quantity = quantity
        self.reason = reason
    }
}

/// Units of one order line in a return.
public struct ReturnLine: Sendable, Hashable, Codable {
    public var lineID: OrderLineID
    public var sku: String
    public var variantID: String
    public var quantity: Int
    public var reason: String
    /// Once approved: how many units of the line earlier approved returns took. Units are numbered so that
    /// their refunds, each a share of the line total, add up to the line total exactly.
    public var unitOffset: Int?
    /// Once approved: this line's share of the line total.
    public var refund: Money?
    public var outcome: InspectionOutcome?
}

/// A return merchandise authorisation.
public struct OrderReturn: Sendable, Hashable, Codable, Identifiable {
    public var id: ReturnID
    /// The human-friendly RMA number, e.g. `R-100007`.
    public var number: String
    public var orderID: OrderID
    public var status: ReturnStatus
    public var lines: [ReturnLine]
    public var requestedBy: AuditActor
    public var rejectionReason: String?
    /// The order that replaces the goods, when this return is an exchange.
    public var exchangeOrderID: OrderID?
    /// The part of the return's value that paid for its exchange order rather than going back to the buyer.
    public var exchangeCredit: Money?
    /// What was refunded, once refunded.
    public var refundedAmount: Money?
    public var paymentRefundID: String?
    public var createdAt: Date
    public var updatedAt: Date
}

/// Units the flow must put back into stock after an inspection.
public struct RestockLine: Sendable, Hashable, Codable {
    public var lineID: OrderLineID
    public var sku: String
    public var variantID: String
    public var quantity: Int

    public init(lineID: OrderLineID, sku: String, variantID: String, quantity: Int) {
        self.lineID = lineID
        self.sku = sku
        self.variantID = variantID
        self.quantity = quantity
    }
}

/// The answer to ``Orders/inspectReturn(_:outcomes:by:on:)``.
public struct InspectedReturn: Sendable, Hashable {
    public var orderReturn: OrderReturn
    /// What goes back into stock (Inventory's customer-return adjustment).
    public var restock: [RestockLine]
    /// What was written off (for reports; no stock movement is needed).
    public var writtenOff: [RestockLine]
}
