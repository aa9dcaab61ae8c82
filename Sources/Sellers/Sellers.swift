import Foundation
public import Persistence
public import TorvCore

/// Marketplace sellers: their accounts and lifecycle, onboarding, profiles, offers of catalogue variants,
/// and the platform's commission rules.
///
/// Every seller-facing method takes the seller's ID and puts it in its `WHERE`: an offer of another
/// seller is "not found", never someone else's data. The seller ID comes from the signed-in seller user,
/// never from the request.
public struct Sellers: Sendable {
    /// Longest free texts: a profile description and a return policy.
    public static let maximumText = 5_000

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
