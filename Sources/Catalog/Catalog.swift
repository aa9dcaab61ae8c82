import Foundation
public import Persistence
public import TorvCore

/// What the shop sells: products and their variants (SKUs), categories, option types, sales
/// channels, tax classes, price lists with quantity tiers, price history, listing and CSV exchange.
///
/// Every method takes the session it works on (`on db`); writes expect the caller's transaction, so a
/// flow can combine catalog changes with other modules' changes atomically. Staff mutations take an
/// `AuditActor` and write an audit entry in that same transaction.
public struct Catalog: Sendable {
    let outbox: Outbox
    let audit: AuditLog
    let clock: WallClock
    let ids: UUIDGenerator

    /// The largest page a listing returns, whatever the caller asks for.
    public static let maximumPageSize = 100

    public init(outbox: Outbox, audit: AuditLog, clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.outbox = outbox
        self.audit = audit
        self.clock = clock
        self.ids = ids
    }

    var now: Date { clock.now() }
}
