/// Something that happened in a module and that other modules react to after commit (the outbox).
///
/// The payload is the event's own `Codable` form; `eventType` is the stable name subscribers route on, so it
/// is part of the public contract and never renamed: `"customer.registered"`, `"order.placed"`.
public protocol DomainEvent: Codable, Sendable {
    static var eventType: String { get }
}

public enum EventPrefix: IDPrefix {
    public static let prefix = "evt"
}

/// Event IDs double as idempotency keys for subscribers (`unique (subscriber, event_id)`).
public typealias EventID = TypedID<EventPrefix>
