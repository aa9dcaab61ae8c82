import Foundation
public import Persistence
public import TorvCore

/// Orders with snapshotted lines, the order state machine, notes and the timeline, fulfilments
/// (pick, pack, ship, deliver; ready for pick-up and collected), cancellations and returns (RMA).
///
/// Orders never calls stock or payments: a flow coordinates Orders, Inventory and Payments in one
/// transaction, so every method takes `on db` and returns what the flow needs next (the hold to
/// release, the units to restock, the refund due).
///
/// Invariants, each kept by the database rather than by check-then-act code:
/// - one order per checkout key (UNIQUE), and one order number per order, never reused (a counter row
///   advanced by a guarded UPDATE, plus UNIQUE);
/// - per line, fulfilled + cancelled ≤ ordered, shipped ≤ fulfilled, returns only of shipped units, each
///   unit returned at most once (guarded updates and CHECKs);
/// - statuses move only along ``OrderStateMachine``, ``FulfilmentStateMachine`` and
///   ``ReturnStateMachine`` (guarded updates that name the status they leave);
/// - refunds for returns never add up to more than the grand total (a CHECK), and each return is
///   refunded once;
/// - the timeline is append-only (triggers).
///
/// On PostgreSQL a transaction may be run again after a serialization failure or deadlock, so nothing
/// here has effects outside the database it is given.
public struct Orders: Sendable {
    /// No quantity on one line may exceed this: a billion units keeps every sum far from overflow.
    public static let maximumQuantity = 1_000_000_000
    /// Wrong pick-up codes allowed before the code stops working.
    public static let maximumPickupAttempts = 5
    /// The most rows one page of a list returns.
    public static let maximumPageSize = 200

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

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func pageSize(_ limit: Int) -> Int {
        max(0, min(limit, maximumPageSize))
    }
}
