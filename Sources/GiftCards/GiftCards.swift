import Foundation
public import Persistence
public import TorvCore

/// Gift cards and store credit: stored value the shop owes, spent at checkout like money.
///
/// Invariants, each kept by the database rather than by check-then-act code:
/// - a balance never goes below zero: every spend is one guarded `UPDATE … WHERE balance + Δ >= 0`
///   behind a `CHECK (balance >= 0)`, under the card's row lock on PostgreSQL (SQLite's writers are
///   serial), so parallel checkouts with one card can never spend it twice;
/// - the balance equals the sum of the card's append-only movements (written in the same savepoint);
/// - an order's redemptions are given back at most once (a release or refund names its key, UNIQUE),
///   and never more than the card paid for the order;
/// - codes are stored only as digests.
public struct GiftCards: Sendable {
    /// 10 000 000.00 in a two-decimal currency: a card worth more is a typing error.
    public static let maximumValue: Int64 = 1_000_000_000
    public static let maximumNote = 500

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
