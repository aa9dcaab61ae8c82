import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Moves a fulfilment one step along ``FulfilmentStateMachine`` under the order's row lock; counts
    /// units as shipped when they leave; then derives the order's status from its lines and fulfilments.
    func step<E: DomainEvent>(
        _ id: FulfilmentID, to status: FulfilmentStatus, carrier: String? = nil, trackingNumber: String? = nil,
        code: (hash: String, salt: String)? = nil, by actor: AuditActor, on db: any SQLDatabase,
        event: @escaping (Fulfilment, OrderStatus) -> E
    ) async throws -> Fulfilment {
        let now = self.now
        return try await Savepoint.atomically("orders_fulfilment_step", on: db) {
            guard let found = try await OrdersStore.fulfilment(id, on: db) else { throw OrdersError.fulfilmentNotFound }
            _ = try await OrdersStore.lockedOrder(found.fulfilment.orderID, on: db)
            let current = try await fulfilment(id, on: db)
            guard FulfilmentStateMachine.canMove(current.kind, from: current.status, to: status),
                try await OrdersStore.move(
                    id, from: [current.status], to: status, carrier: carrier, trackingNumber: trackingNumber,
                    code: code, now: now, on: db)
            else { throw OrdersError.invalidFulfilmentTransition(from: current.status, to: status) }
            let updated = try await fulfilment(id, on: db)
            if status.hasShipped && !current.status.hasShipped {
                try await OrdersStore.ship(updated, on: db)
            }
            let passed = try await settleStatus(of: updated.orderID, now: now, on: db)
            let orderStatus = try await self.order(updated.orderID, on: db).status
            try await record(
                event(updated, orderStatus), order: updated.orderID,
                visibleToCustomer: ![.picked, .packed].contains(status),
                by: actor, now: now, on: db)
            for next in passed {
                try await recordStatus(next, of: updated.orderID, by: actor, now: now, on: db)
            }
            try await audit.record(
                "fulfilment.\(status.rawValue)", by: actor, target: ("fulfilment", id.rawValue),
                detail: ["order_id": updated.orderID.rawValue], on: db)
            return updated
        }
    }

    /// Derives the order's status from its lines and fulfilments: some units shipped → partially
    /// fulfilled; all → fulfilled; and every fulfilment complete → delivered. Returns the statuses passed
    /// on the way (for the timeline). Orders already in returns keep their status.
    func settleStatus(of id: OrderID, now: Date, on db: any SQLDatabase) async throws -> [OrderStatus] {
        var order = try await self.order(id, on: db)
        guard [.paid, .partiallyFulfilled, .fulfilled].contains(order.status) else { return [] }
        let open = order.lines.reduce(0) { $0 + $1.quantity - $1.cancelledQuantity }
        let shipped = order.lines.reduce(0) { $0 + $1.shippedQuantity }
        guard shipped > 0 else { return [] }
        var target: OrderStatus = shipped < open ? .partiallyFulfilled : .fulfilled
        if target == .fulfilled {
            let live = try await fulfilments(of: id, on: db).filter { $0.status != .cancelled }
            if live.allSatisfy(\.status.isComplete) { target = .delivered }
        }
        let path = try OrderStateMachine.path(from: order.status, to: target)
        for next in path {
            order = try await move(order, to: next, now: now, on: db)
        }
        return path
    }

    /// A timeline entry for a status the order reached as a consequence of a fulfilment or return step.
    func recordStatus(
        _ status: OrderStatus, of id: OrderID, by actor: AuditActor, now: Date, on db: any SQLDatabase
    )
        async throws
    {
        try await OrdersStore.appendTimeline(
            OrderTimelineEntry(
                id: OrderEventID.generate(ids, at: now), orderID: id, kind: "order.\(status.rawValue)", message: nil,
                visibleToCustomer: true, actor: actor, occurredAt: now),
            on: db)
    }

    /// The goods wait at the pick-up location: issues a fresh 6-digit code for the buyer (only its
    /// hash is kept) and resets the attempt counter. Calling it again re-issues the code, e.g. after
    /// too many wrong tries. Appends `fulfilment.ready_for_pickup`.
    public func readyForPickup(
        _ id: FulfilmentID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> PickupReady
    {
        let code = PickupCode.generate()
        let salt = PickupCode.salt()
        let fulfilment = try await step(
            id, to: .readyForPickup, code: (PickupCode.hash(code, salt: salt), salt), by: actor, on: db
        ) { fulfilment, status in
            FulfilmentReadyForPickup(fulfilment: Self.event(fulfilment, orderStatus: status))
        }
        return PickupReady(fulfilment: fulfilment, code: code)
    }

    /// The buyer collects the goods with their code. Appends `fulfilment.collected`; when nothing else
    /// is outstanding the order becomes delivered.
    ///
    /// Takes the ``Persistence/Database`` rather than a transaction: a wrong code must be counted even
    /// though the call fails, so the count is committed in its own transaction before
    /// `pickup_code_incorrect` is thrown. After ``maximumPickupAttempts`` wrong codes even the right code
    /// is refused (`pickup_locked`) until a new code is issued.
    @discardableResult
    public func collect(
        _ id: FulfilmentID, pickupCode: String, by actor: AuditActor, in database: Database
    ) async throws -> Fulfilment {
        let outcome = try await database.inTransaction { db in
            try await collectAttempt(id, pickupCode: pickupCode, by: actor, on: db)
        }
        switch outcome {
        case .collected(let fulfilment): return fulfilment
        case .wrongCode(let attemptsLeft):
            OrdersMetrics.wrongPickupCode()
            throw attemptsLeft > 0 ? OrdersError.pickupCodeIncorrect(attemptsLeft: attemptsLeft) : .pickupLocked
        }
    }

    private func collectAttempt(
        _ id: FulfilmentID, pickupCode: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> CollectOutcome {
        guard let found = try await OrdersStore.fulfilment(id, on: db) else { throw OrdersError.fulfilmentNotFound }
        _ = try await OrdersStore.lockedOrder(found.fulfilment.orderID, on: db)
        guard let locked = try await OrdersStore.fulfilment(id, on: db) else { throw OrdersError.fulfilmentNotFound }
        let (current, hash, salt) = (locked.fulfilment, locked.codeHash, locked.codeSalt)
        guard current.status == .readyForPickup else {
            throw OrdersError.invalidFulfilmentTransition(from: current.status, to: .collected)
        }
        guard current.pickupAttempts < Self.maximumPickupAttempts else { throw OrdersError.pickupLocked }
        guard let hash, let salt, PickupCode.matches(pickupCode, salt: salt, hash: hash) else {
            let attempts =
                try await OrdersStore.countWrongCode(id, maximum: Self.maximumPickupAttempts, now: now, on: db)
                ?? Self.maximumPickupAttempts
            return .wrongCode(attemptsLeft: Self.maximumPickupAttempts - attempts)
        }
        let collected = try await step(id, to: .collected, by: actor, on: db) { fulfilment, status in
            FulfilmentCollected(fulfilment: Self.event(fulfilment, orderStatus: status))
        }
        return .collected(collected)
    }
}

private enum CollectOutcome: Sendable {
    case collected(Fulfilment)
    case wrongCode(attemptsLeft: Int)
}
