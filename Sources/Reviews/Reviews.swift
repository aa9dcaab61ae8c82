import Foundation
public import Persistence
public import TorvCore

/// Reviews of products by buyers who received them: one per order line, moderated before they show,
/// summarised as ratings.
///
/// Whether a purchase is verified is a flow's question (it reads the buyer's own order); this module
/// keeps the reviews, the one-per-line rule (a unique key) and moderation.
public struct Reviews: Sendable {
    let outbox: Outbox
    let audit: AuditLog
    let clock: WallClock
    let ids: UUIDGenerator

    public init(outbox: Outbox, audit: AuditLog, clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.outbox = outbox
        self.audit = audit
        self.clock = clock
        self.ids = ids
    }

    var now: Date { clock.now() }
}
