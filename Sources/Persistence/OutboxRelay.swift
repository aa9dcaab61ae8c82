import Foundation
public import Logging
import Metrics
import SQLKit
public import ServiceLifecycle
import TorvCore

/// Delivers outbox events to their subscribers after commit. At-least-once per delivery attempt,
/// exactly-once in effect: the subscriber's writes and the "delivered" mark commit together.
///
/// Any number of relays may run (one per `torv serve` process); on PostgreSQL they split the work
/// with `FOR UPDATE SKIP LOCKED`. A failing subscriber is retried with back-off and, after
/// `maxAttempts`, parked as `dead` for an operator to look at — it never blocks other deliveries.
public struct OutboxRelay: Service {
    let database: Database
    let subscribers: [String: OutboxSubscriber]
    let clock: WallClock
    let logger: Logger
    public var pollInterval: Duration
    public var maxAttempts: Int

    public init(
        database: Database, outbox: Outbox, logger: Logger = Logger(label: "torv.outbox"),
        pollInterval: Duration = .milliseconds(200), maxAttempts: Int = 12
    ) {
        self.database = database
        self.subscribers = Dictionary(uniqueKeysWithValues: outbox.subscribers.map { ($0.name, $0) })
        self.clock = outbox.clock
        self.logger = logger
        self.pollInterval = pollInterval
        self.maxAttempts = maxAttempts
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let delivered: Int
                do {
                    delivered = try await deliverDue()
                } catch {
                    logger.error("outbox relay pass failed", metadata: ["error": "\(error)"])
                    delivered = 0
                }
                if delivered == 0 {
                    try? await Task.sleep(for: pollInterval)
                }
            }
        }
    }

    /// Delivers up to `limit` due events and returns how many deliveries it finished (delivered or
    /// failed). Tests and `torv jobs` call it directly to drain the outbox deterministically.
    @discardableResult
    public func deliverDue(limit: Int = 100) async throws -> Int {
        var handled = 0
        while handled < limit, try await deliverOne() {
            handled += 1
        }
        return handled
    }

    private func deliverOne() async throws -> Bool {
        let backend = database.backend
        let now = clock.now()
        let names = Array(subscribers.keys)
        guard !names.isEmpty else { return false }
        let subscribers = self.subscribers
        let maxAttempts = self.maxAttempts
        let logger = self.logger
        return try await database.inTransaction { db in
            let lock = backend == .postgres ? SQLRaw("FOR UPDATE OF d SKIP LOCKED") : SQLRaw("")
            guard
                let row = try await db.raw(
                    """
                    SELECT d.subscriber, d.attempts, e.id, e.type, e.occurred_at, e.payload, e.request_id
                    FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
                    WHERE d.status = 'pending' AND d.run_at <= \(bind: now.epochMicroseconds)
                      AND d.subscriber IN (\(binds: names))
                    ORDER BY d.event_id LIMIT 1 \(lock)
                    """
                ).first()
            else { return false }
            let name = try row.decode(column: "subscriber", as: String.self)
            let attempts = try row.decode(column: "attempts", as: Int.self) + 1
            let envelope = try EventEnvelope(outboxRow: row)
            guard let subscriber = subscribers[name] else { return false }

            // A savepoint lets a failing subscriber's writes be undone while the attempt is recorded
            // in the same transaction, so no other relay can grab the row in between.
            try await db.raw("SAVEPOINT delivery").run()
            do {
                try await subscriber.handle(envelope, db)
                try await db.raw("RELEASE SAVEPOINT delivery").run()
                try await db.raw(
                    """
                    UPDATE outbox_deliveries SET status = 'delivered', attempts = \(bind: attempts),
                        delivered_at = \(bind: now.epochMicroseconds), last_error = NULL
                    WHERE subscriber = \(bind: name) AND event_id = \(bind: envelope.id.rawValue)
                    """
                ).run()
                Counter(label: "torv_outbox_delivered_total", dimensions: [("subscriber", name)]).increment()
            } catch {
                try await db.raw("ROLLBACK TO SAVEPOINT delivery").run()
                let dead = attempts >= maxAttempts
                let retryAt = now.addingTimeInterval(Backoff.retryDelay(afterAttempt: attempts))
                try await db.raw(
                    """
                    UPDATE outbox_deliveries SET status = \(bind: dead ? "dead" : "pending"), attempts = \(bind: attempts),
                        run_at = \(bind: retryAt.epochMicroseconds), last_error = \(bind: String(describing: error))
                    WHERE subscriber = \(bind: name) AND event_id = \(bind: envelope.id.rawValue)
                    """
                ).run()
                logger.warning(
                    "outbox delivery failed",
                    metadata: [
                        "subscriber": "\(name)", "event_id": "\(envelope.id)", "attempt": "\(attempts)",
                        "dead": "\(dead)", "error": "\(error)",
                    ])
                Counter(label: "torv_outbox_failed_total", dimensions: [("subscriber", name)]).increment()
            }
            return true
        }
    }
}
