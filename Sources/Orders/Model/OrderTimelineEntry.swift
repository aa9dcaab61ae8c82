public import Foundation
public import Persistence
public import TorvCore

/// One entry of an order's append-only timeline: a transition, a note, a fulfilment or return step.
public struct OrderTimelineEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: OrderEventID
    public var orderID: OrderID
    /// What happened, in the outbox event's words (`order.paid`, `fulfilment.shipped`) or `order.note`.
    public var kind: String
    /// A short human sentence (a note's text, a cancellation reason).
    public var message: String?
    /// Whether the buyer sees the entry (their order page shows these only).
    public var visibleToCustomer: Bool
    public var actor: AuditActor
    public var occurredAt: Date
}
