public import SQLKit
public import TorvCore

/// A consumer of outbox events (ledger postings, analytics, marketing triggers, webhooks …).
///
/// `handle` runs inside the transaction that marks the delivery done, so whatever it writes to the
/// database commits exactly once per event. Effects outside the database (an HTTP call) must not be
/// made here: enqueue a job in the same transaction instead, and let the job retry.
public struct OutboxSubscriber: Sendable {
    public let name: String
    /// The event types it wants; `nil` for every event.
    public let eventTypes: Set<String>?
    public let handle: @Sendable (EventEnvelope, any SQLDatabase) async throws -> Void

    public init(
        name: String,
        eventTypes: Set<String>?,
        handle: @escaping @Sendable (EventEnvelope, any SQLDatabase) async throws -> Void
    ) {
        self.name = name
        self.eventTypes = eventTypes
        self.handle = handle
    }

    func wants(_ type: String) -> Bool {
        eventTypes?.contains(type) ?? true
    }
}
