import Foundation
public import SQLKit
public import TorvCore

/// The transactional outbox: events are written in the same transaction as the state change that
/// caused them, so an event exists exactly when its change committed.
///
/// Appending also writes one pending delivery row per interested subscriber. Relays claim those rows
/// (with `SKIP LOCKED` on PostgreSQL), which avoids the classic cursor bug where a relay skips an
/// event whose transaction committed after a later one.
public struct Outbox: Sendable {
    public let subscribers: [OutboxSubscriber]
    let clock: WallClock
    let ids: UUIDGenerator

    public init(subscribers: [OutboxSubscriber], clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        precondition(
            Set(subscribers.map(\.name)).count == subscribers.count, "outbox subscriber names must be unique")
        self.subscribers = subscribers
        self.clock = clock
        self.ids = ids
    }

    /// Records `event` inside the caller's transaction `db`.
    @discardableResult
    public func append<E: DomainEvent>(
        _ event: E, on db: any SQLDatabase, requestID: String? = nil
    ) async throws -> EventEnvelope {
        let now = clock.now()
        let envelope = try EventEnvelope(
            event, id: EventID.generate(ids, at: now), occurredAt: now, requestID: requestID)
        try await db.raw(
            """
            INSERT INTO outbox_events (id, type, occurred_at, payload, request_id)
            VALUES (\(bind: envelope.id.rawValue), \(bind: envelope.type), \(bind: now.epochMicroseconds),
                    \(bind: String(decoding: envelope.payload, as: UTF8.self)), \(bind: requestID))
            """
        ).run()
        for subscriber in subscribers where subscriber.wants(envelope.type) {
            try await db.raw(
                """
                INSERT INTO outbox_deliveries (subscriber, event_id, status, attempts, run_at)
                VALUES (\(bind: subscriber.name), \(bind: envelope.id.rawValue), 'pending', 0, \(bind: now.epochMicroseconds))
                """
            ).run()
        }
        return envelope
    }

    /// Events in the order they occurred, for replays (e.g. rebuilding the ledger) and audits.
    public func history(after: EventID? = nil, limit: Int = 500, on db: any SQLDatabase) async throws -> [EventEnvelope]
    {
        let rows = try await db.raw(
            """
            SELECT id, type, occurred_at, payload, request_id FROM outbox_events
            WHERE id > \(bind: after?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map(EventEnvelope.init(outboxRow:))
    }
}

extension EventEnvelope {
    init(outboxRow row: any SQLRow) throws {
        let id = try row.decode(column: "id", as: String.self)
        guard let eventID = EventID(id) else {
            throw PersistenceError.corruptRow(table: "outbox_events", detail: "bad id \(id)")
        }
        self.init(
            id: eventID,
            type: try row.decode(column: "type", as: String.self),
            occurredAt: Date(epochMicroseconds: try row.decode(column: "occurred_at", as: Int64.self)),
            payload: Data(try row.decode(column: "payload", as: String.self).utf8),
            requestID: try row.decode(column: "request_id", as: String?.self)
        )
    }
}
