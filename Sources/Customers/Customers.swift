public import Foundation
public import Persistence
import SQLKit
public import TorvCore

/// Everything about a buyer except signing in (Identity's): the profile, the address book, customer
/// groups and B2B companies. Customers are named by Identity's customer ID string (`cus_…`); this
/// module never imports Identity.
///
/// Invariants, each kept by the database rather than by check-then-act code:
/// - a customer has at most one default shipping and one default billing address, and a default is
///   always one of the customer's own addresses (one pointer row per customer, composite foreign keys);
/// - a customer's address is reachable only with that customer's ID: every statement names both;
/// - a group code is unique and never changes (Catalog's group prices are keyed by it);
/// - a customer belongs to at most one company (UNIQUE on the member's customer ID);
/// - only buyers carry an approval limit, and limits and credit limits are not negative (CHECKs).
///
/// Methods take `on db`, the caller's transaction; multi-statement changes run inside a savepoint. On
/// PostgreSQL a transaction may run again after a serialization failure or deadlock, so nothing here
/// has effects outside the database it is given.
public struct Customers: Sendable {
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

    /// Records `action` in the audit log unless the customer acted on their own data: the audit log is
    /// for staff (and other principals) acting on someone's behalf, not for a shopper editing an address.
    func recordUnlessSelf(
        _ action: String, by actor: AuditActor, customerID: String, target: (type: String, id: String),
        detail: [String: String] = [:], on db: any SQLDatabase
    ) async throws {
        if actor.kind == "customer" && actor.id == customerID { return }
        try await audit.record(action, by: actor, target: target, detail: detail, on: db)
    }
}
