public import Foundation
public import Persistence
public import TorvCore

/// Stock on hand, reserved and available per SKU and location; the movement journal; reservations
/// that hold stock through checkout; routing of orders to locations.
///
/// Invariants, each kept by the database rather than by check-then-act code:
/// - available (`on_hand − reserved`) never falls below the level's minimum — zero unless the SKU's
///   policy allows backorders or pre-orders (guarded updates and a CHECK);
/// - on-hand stock is the sum of the append-only movements of its SKU and location;
/// - reserved stock is the sum of the held reservation lines at that level;
/// - a reservation is held, then committed, released or expired exactly once (guarded transitions).
///
/// Methods take `on db`, the caller's transaction; multi-statement changes run inside a savepoint, so
/// each takes effect entirely or not at all even when the caller catches the error and carries on.
/// On PostgreSQL a transaction may be run again after a serialization failure or deadlock, so nothing
/// here has effects outside the database it is given.
public struct Inventory: Sendable {
    /// The job that releases expired holds (see ``expiryJob(in:logger:)``).
    public static let expireReservationsJob = "inventory.expire_reservations"
    /// No quantity on one line may exceed this: a billion units keeps every sum far from overflow.
    public static let maximumQuantity = 1_000_000_000

    let outbox: Outbox
    let audit: AuditLog
    let jobs: JobQueue
    let clock: WallClock
    let ids: UUIDGenerator
    /// How often a reservation re-plans after a concurrent checkout took the stock it had planned on.
    public var allocationAttempts = 8
    /// How many expired holds one sweep transaction releases.
    public var expiryBatchSize = 100
    /// Seconds between expiry sweeps.
    public var expiryInterval: TimeInterval = 60

    public init(outbox: Outbox, audit: AuditLog, jobs: JobQueue, clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.outbox = outbox
        self.audit = audit
        self.jobs = jobs
        self.clock = clock
        self.ids = ids
    }

    var now: Date { clock.now() }
}
