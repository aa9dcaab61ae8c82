public import Foundation
public import Persistence
public import TorvCore

/// Carts, shipping zones and methods, tax rates, and the pure pricing pipeline that turns a cart into
/// the exact amount that will be charged.
///
/// Invariants, each kept by the database rather than by check-then-act code:
/// - a cart stores variant IDs and quantities only; prices, currency conversions and totals are always
///   recomputed (``CartPricing``), never stored or taken from a client;
/// - a cart has at most one line per variant (UNIQUE), every quantity is at least 1 (CHECK); changes
///   to one cart are serialised by a guarded update of its row, so concurrent adds never lose a unit;
/// - a customer has at most one open cart per channel (partial UNIQUE index);
/// - a cart leaves `open` exactly once (guarded UPDATE … WHERE status = 'open'), and only an open
///   cart changes; a checked-out cart remembers its order;
/// - a country belongs to at most one shipping zone (UNIQUE).
///
/// Methods take `on db`, the caller's transaction; multi-statement changes run inside a savepoint, so
/// each takes effect entirely or not at all even when the caller catches the error and carries on.
/// Nothing here has effects outside the database it is given, so PostgreSQL may retry a transaction.
public struct Checkout: Sendable {
    /// The job that closes idle guest carts (see ``abandonmentJob(in:logger:)``).
    public static let abandonGuestCartsJob = "checkout.abandon_guest_carts"
    /// Coupons one cart may carry.
    public static let maximumCoupons = 5

    let outbox: Outbox
    let audit: AuditLog
    let jobs: JobQueue
    let clock: WallClock
    let ids: UUIDGenerator
    /// The most units of one variant a cart line may hold.
    public var maximumLineQuantity = 999
    /// The most different variants one cart may hold.
    public var maximumLines = 100
    /// How long an untouched guest cart stays open before the abandonment sweep closes it.
    public var guestCartLifetime: TimeInterval = 30 * 24 * 3600
    /// Seconds between abandonment sweeps.
    public var abandonmentInterval: TimeInterval = 3600
    /// How many carts one sweep transaction closes.
    public var abandonmentBatchSize = 100

    public init(outbox: Outbox, audit: AuditLog, jobs: JobQueue, clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.outbox = outbox
        self.audit = audit
        self.jobs = jobs
        self.clock = clock
        self.ids = ids
    }

    var now: Date { clock.now() }
}
