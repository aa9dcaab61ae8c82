public import Foundation
public import Persistence
public import TorvCore

/// Payments for orders: authorisations, captures, voids and refunds through pluggable providers, and the
/// providers' webhooks.
///
/// Provider calls are network calls, so they never run inside a database transaction. Each operation is
/// three steps, and a flow records the outcome in the same transaction as its own change (the order's):
/// 1. `start…` (in a transaction): a guarded state change and an attempt row whose ID is the idempotency key;
/// 2. ``perform(_:)`` (no database): the provider call; a timeout or transport failure becomes `.unknown`;
/// 3. ``record(_:of:on:)`` (in a transaction): guarded by the attempt's own status, so a late or duplicate
///    outcome changes nothing; `.unknown` sets the payment `unknown` and schedules reconciliation.
///
/// Invariants, kept by the database: one successful capture per payment (a unique index); captured ≤
/// authorised and refunded + refunds in flight ≤ captured (CHECKs, restated by guarded UPDATEs); a webhook
/// event applied at most once (primary key on provider and event ID). A payment's status is never taken
/// from a client: only provider outcomes move it, through the pure ``PaymentStatus/after(_:)``.
public struct Payments: Sendable {
    /// The job that asks providers about calls whose outcome is unknown (``reconcileJob(in:logger:)``).
    public static let reconcileJobKind = "payments.reconcile"

    let outbox: Outbox
    let audit: AuditLog
    let jobs: JobQueue
    let providers: [String: any PaymentProvider]
    let clock: WallClock
    let ids: UUIDGenerator
    /// How long a provider call may take before its outcome counts as unknown.
    public var providerTimeout: Duration = .seconds(30)
    /// How long after an unknown outcome the provider is asked. A little patience lets a slow provider
    /// finish what it received, so the lookup finds it.
    public var reconcileDelay: TimeInterval = 60
    /// An attempt still `pending` this long after it started was abandoned (its process died between the
    /// steps); reconciliation then looks it up like an unknown one.
    public var abandonedAfter: TimeInterval = 15 * 60

    public init(
        outbox: Outbox, audit: AuditLog, jobs: JobQueue, providers: [any PaymentProvider], clock: WallClock = .system,
        ids: UUIDGenerator = .v7
    ) {
        self.outbox = outbox
        self.audit = audit
        self.jobs = jobs
        var byName: [String: any PaymentProvider] = [:]
        for provider in providers {
            precondition(byName[provider.name] == nil, "payment provider names must be unique: \(provider.name)")
            byName[provider.name] = provider
        }
        self.providers = byName
        self.clock = clock
        self.ids = ids
    }

    var now: Date { clock.now() }

    func provider(named name: String) throws(PaymentError) -> any PaymentProvider {
        guard let provider = providers[name] else { throw .unknownProvider(name) }
        return provider
    }

    /// The provider serving `method`: the first one given for it.
    func provider(for method: PaymentMethodKind) throws(PaymentError) -> any PaymentProvider {
        guard let provider = providers.values.sorted(by: { $0.name < $1.name }).first(where: { $0.method == method })
        else { throw .unknownProvider(method.rawValue) }
        return provider
    }
}
