import Foundation
public import Persistence
public import TorvCore

/// Buying from suppliers: suppliers and their price lists, purchase orders from a gapless series,
/// receipts and returns against them, supplier bills checked by a three-way match, and bill payments.
///
/// Invariants, each kept by the database rather than by check-then-act code:
/// - order numbers are unique and gapless (one counter row advanced in the creating transaction);
/// - an order changes state only by one guarded `UPDATE … WHERE status IN (…)`;
/// - received never exceeds ordered and returned never exceeds received, per line (CHECKs and guarded
///   updates under the order's row lock, so concurrent receipts cannot over-receive);
/// - one bill per supplier invoice number; paid never exceeds a bill's total and only approved bills
///   are paid (CHECKs and a guarded update);
/// - receipts, returns, bill lines and bill payments are append-only.
///
/// Methods take `on db`, the caller's transaction; multi-statement changes run inside a savepoint. On
/// PostgreSQL a transaction may be run again after a serialization failure or deadlock, so nothing here
/// has effects outside the database it is given.
public struct Purchasing: Sendable {
    /// No order, receipt, return or bill line may exceed this many units: a million keeps every total
    /// (with ``maximumUnitCost`` and ``maximumLines``) far inside 64 bits.
    public static let maximumQuantity = 1_000_000
    /// 100 000 000.00 in a two-decimal currency.
    public static let maximumUnitCost: Int64 = 10_000_000_000
    /// Lines on one order, receipt, return or bill.
    public static let maximumLines = 500

    let outbox: Outbox
    let audit: AuditLog
    let clock: WallClock
    let ids: UUIDGenerator
    /// How far a billed unit price may stray from the ordered cost and still match (1 % by default).
    public var matchTolerance = MatchTolerance(priceBasisPoints: 100)

    public init(outbox: Outbox, audit: AuditLog, clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.outbox = outbox
        self.audit = audit
        self.clock = clock
        self.ids = ids
    }

    var now: Date { clock.now() }
}
