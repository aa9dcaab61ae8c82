import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Inventory {
    /// Turns a hold into a sale when the order is placed: on-hand and reserved stock fall together and
    /// a `sale` movement is journalled per line. Appends `stock.committed`.
    ///
    /// Committing a committed reservation returns it unchanged, so a retried flow gets the same answer.
    /// A hold past its expiry is refused (`reservation_expired`) even before the sweep has released it:
    /// its stock may already be promised to someone else in a moment.
    @discardableResult
    public func commit(
        _ id: StockReservationID, by actor: AuditActor = .system, on db: any SQLDatabase
    ) async throws
        -> StockReservation
    {
        let now = self.now
        return try await Savepoint.atomically("inventory_commit", on: db) {
            guard try await InventoryStore.close(id, as: .committed, now: now, unexpiredAt: now, on: db) else {
                let existing = try await existingReservation(id, on: db)
                switch existing.status {
                case .committed: return existing
                case .released: throw InventoryError.reservationAlreadyReleased
                case .held, .expired: throw InventoryError.reservationExpired
                }
            }
            let reservation = try await existingReservation(id, on: db)
            var movements: [StockMovement] = []
            for line in reservation.lines.sorted(by: Self.levelOrder) {
                guard
                    let level = try await InventoryStore.sell(
                        line.quantity, of: line.sku, at: line.locationID, now: now, on: db)
                else { throw Self.holdMissing(line) }
                movements.append(
                    try await InventoryStore.recordMovement(
                        .sale, -line.quantity, level: level, document: id.rawValue, reference: reservation.reference,
                        note: nil, actor: actor, id: StockMovementID.generate(ids, at: now), now: now, on: db))
            }
            try await outbox.append(
                StockCommitted(
                    reservationID: id, reference: reservation.reference, lines: reservation.lines,
                    costs: StockCost.of(movements)), on: db)
            return reservation
        }
    }

    /// Gives held stock back when a checkout is abandoned or fails. Appends `stock.released`.
    ///
    /// Releasing a released or expired reservation returns it unchanged; a committed one is refused
    /// (`reservation_already_committed`) — returning sold goods is a customer return, not a release.
    @discardableResult
    public func release(_ id: StockReservationID, on db: any SQLDatabase) async throws -> StockReservation {
        let now = self.now
        return try await Savepoint.atomically("inventory_release", on: db) {
            guard try await InventoryStore.close(id, as: .released, now: now, on: db) else {
                let existing = try await existingReservation(id, on: db)
                switch existing.status {
                case .released, .expired: return existing
                // `.held` cannot be read here: the guarded update above would have closed it.
                case .committed, .held: throw InventoryError.reservationAlreadyCommitted
                }
            }
            let reservation = try await existingReservation(id, on: db)
            try await releaseLines(of: reservation, as: .released, now: now, on: db)
            return reservation
        }
    }

    public func reservation(_ id: StockReservationID, on db: any SQLDatabase) async throws -> StockReservation {
        try await existingReservation(id, on: db)
    }

    /// Lets go of a closed reservation's held units and appends `stock.released`.
    func releaseLines(
        of reservation: StockReservation, as reason: ReservationStatus, now: Date, on db: any SQLDatabase
    )
        async throws
    {
        for line in reservation.lines.sorted(by: Self.levelOrder) {
            guard
                try await InventoryStore.unreserve(line.quantity, of: line.sku, at: line.locationID, now: now, on: db)
                    != nil
            else { throw Self.holdMissing(line) }
        }
        try await outbox.append(
            StockReleased(
                reservationID: reservation.id, reference: reservation.reference, reason: reason,
                lines: reservation.lines), on: db)
    }

    func existingReservation(_ id: StockReservationID, on db: any SQLDatabase) async throws -> StockReservation {
        guard let reservation = try await InventoryStore.reservation(id, on: db) else {
            throw InventoryError.reservationNotFound
        }
        return reservation
    }

    /// The order every writer locks levels in, so concurrent transactions never wait in a cycle.
    static func levelOrder(_ lhs: ReservedStock, _ rhs: ReservedStock) -> Bool {
        (lhs.sku, lhs.locationID, lhs.line) < (rhs.sku, rhs.locationID, rhs.line)
    }

    /// A level holds less than its reservation lines: only a write outside Inventory can do that.
    private static func holdMissing(_ line: ReservedStock) -> PersistenceError {
        .corruptRow(
            table: "inventory_stock_levels",
            detail: "reserved stock of \(line.sku) at \(line.locationID) is below its holds (see verifyInvariants)")
    }
}
