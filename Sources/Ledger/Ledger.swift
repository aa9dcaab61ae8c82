public import Foundation
public import Persistence
public import TorvCore

/// The general ledger: a chart of accounts and balanced, append-only journal entries, each caused by
/// one business event or document and posted exactly once.
///
/// Invariants, kept by the database where it can:
/// - every entry's lines sum to zero per currency (checked before insert, audited by
///   ``verifyInvariants(on:)``);
/// - entries and lines are never updated or deleted (append-only triggers); corrections reverse;
/// - one entry per source key (UNIQUE), so an event delivered twice or replayed after a crash posts once;
/// - an entry is reversed at most once (UNIQUE on the reversal's pointer).
public struct Ledger: Sendable {
    /// No line may exceed this many minor units, so sums over millions of lines stay far from overflow.
    public static let maximumLineAmount: Int64 = 1_000_000_000_000

    let outbox: Outbox
    let audit: AuditLog
    let clock: WallClock
    let ids: UUIDGenerator
    /// Codes known to exist, so a posting does not read the chart each time.
    let knownAccounts: KnownAccounts

    public init(outbox: Outbox, audit: AuditLog, clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.outbox = outbox
        self.audit = audit
        self.clock = clock
        self.ids = ids
        self.knownAccounts = KnownAccounts()
    }

    var now: Date { clock.now() }
}
