import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Writes one timeline entry and appends `event` to the outbox, in the caller's transaction: every
    /// transition, note, fulfilment and return step goes through here, so the two never disagree.
    func record<E: DomainEvent>(
        _ event: E, order: OrderID, message: String? = nil, visibleToCustomer: Bool, by actor: AuditActor,
        now: Date, on db: any SQLDatabase
    ) async throws {
        try await OrdersStore.appendTimeline(
            OrderTimelineEntry(
                id: OrderEventID.generate(ids, at: now), orderID: order, kind: E.eventType, message: message,
                visibleToCustomer: visibleToCustomer, actor: actor, occurredAt: now),
            on: db)
        try await outbox.append(event, on: db, requestID: actor.requestID)
    }

    /// Adds a note to the order's timeline; a note visible to the customer shows on their order page.
    @discardableResult
    public func addNote(
        _ id: OrderID, text: String, visibleToCustomer: Bool, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> OrderTimelineEntry {
        let text = Self.trimmed(text)
        var validator = Validator()
        if text.isEmpty { validator.add(OrdersError.required, at: "/text") }
        if text.count > 4000 { validator.add(OrdersError.tooLong(maximum: 4000), at: "/text") }
        try validator.finish()
        guard try await OrdersStore.order(id, on: db) != nil else { throw OrdersError.orderNotFound }
        let now = self.now
        let entry = OrderTimelineEntry(
            id: OrderEventID.generate(ids, at: now), orderID: id, kind: "order.note", message: text,
            visibleToCustomer: visibleToCustomer, actor: actor, occurredAt: now)
        try await OrdersStore.appendTimeline(entry, on: db)
        try await outbox.append(
            OrderNoteAdded(orderID: id, text: text, visibleToCustomer: visibleToCustomer), on: db,
            requestID: actor.requestID)
        try await audit.record(
            "order.note_added", by: actor, target: ("order", id.rawValue),
            detail: ["visible_to_customer": String(visibleToCustomer)], on: db)
        return entry
    }

    /// The order's timeline, oldest first.
    public func timeline(_ id: OrderID, on db: any SQLDatabase) async throws -> [OrderTimelineEntry] {
        guard try await OrdersStore.order(id, on: db) != nil else { throw OrdersError.orderNotFound }
        return try await OrdersStore.timeline(of: id, customerVisibleOnly: false, on: db)
    }

    /// The entries the buyer may see, for their own order only (`order_not_found` otherwise).
    public func timeline(
        _ id: OrderID, ofCustomer customerID: String, on db: any SQLDatabase
    ) async throws -> [OrderTimelineEntry] {
        _ = try await order(id, ofCustomer: customerID, on: db)
        return try await OrdersStore.timeline(of: id, customerVisibleOnly: true, on: db)
    }
}
