import Foundation
public import Persistence
public import TorvCore

/// Stored promotions and coupons, and the record of which order had which.
///
/// The discount maths is ``DiscountEngine`` (pure); this facade keeps the rules and guards their limits
/// where concurrency decides them — in the database:
/// - a promotion's uses and discount given never pass its budget: each order takes its share with one
///   guarded `UPDATE … WHERE uses + 1 <= max_uses AND discount_given + x <= max_discount` behind CHECKs;
/// - a coupon is never used past its limit, the same way;
/// - per-customer limits are counted after the guarded update has locked the promotion's (or coupon's)
///   row, so two orders of one customer at once are counted one after the other;
/// - one redemption per promotion and order (UNIQUE), released at most once.
public struct Promotions: Sendable {
    /// Coupons made in one request, given or generated.
    public static let maximumCouponsPerBatch = 10_000

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
