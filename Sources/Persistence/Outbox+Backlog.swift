public import SQLKit

/// How far a subscriber is behind: events waiting for it and events it gave up on.
public struct OutboxBacklog: Sendable, Hashable {
    public var pending: Int
    public var dead: Int
}

extension Outbox {
    /// The deliveries `subscriber` has not finished, for audits (figures that depend on a subscriber's
    /// work are only comparable once it has caught up) and operators (dead deliveries need a look).
    public func backlog(of subscriber: String, on db: any SQLDatabase) async throws -> OutboxBacklog {
        let rows = try await db.raw(
            """
            SELECT status, COUNT(*) AS n FROM outbox_deliveries
            WHERE subscriber = \(bind: subscriber) AND status IN ('pending', 'dead') GROUP BY status
            """
        ).all()
        var backlog = OutboxBacklog(pending: 0, dead: 0)
        for row in rows {
            let count = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "status", as: String.self) == "dead" {
                backlog.dead = count
            } else {
                backlog.pending = count
            }
        }
        return backlog
    }
}
