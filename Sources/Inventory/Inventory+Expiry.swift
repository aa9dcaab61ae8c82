public import Foundation
public import Logging
public import Persistence
public import SQLKit
public import TorvCore

extension Inventory {
    /// Releases every hold whose time is up at `now` (at most `limit`, oldest first), appending
    /// `stock.released` (reason `expired`) for each, and returns their IDs. Idempotent: a hold is expired
    /// once, and a second sweep finds none. On PostgreSQL holds locked by a concurrent sweep or commit
    /// are skipped, not waited for; the commit then wins or the next sweep takes them.
    @discardableResult
    public func expireReservations(
        now: Date, limit: Int? = nil, on db: any SQLDatabase
    ) async throws
        -> [StockReservationID]
    {
        var expired: [StockReservationID] = []
        while limit.map({ expired.count < $0 }) ?? true {
            let batch = min(max(1, expiryBatchSize), limit.map { $0 - expired.count } ?? Int.max)
            let due = try await InventoryStore.dueHolds(at: now, limit: batch, on: db)
            let before = expired.count
            for id in due {
                let closed = try await Savepoint.atomically("inventory_expire", on: db) {
                    guard try await InventoryStore.close(id, as: .expired, now: now, expiredBy: now, on: db) else {
                        return false
                    }
                    try await releaseLines(
                        of: try await existingReservation(id, on: db), as: .expired, now: now, on: db)
                    return true
                }
                if closed { expired.append(id) }
            }
            // A short batch was the last one; a batch that closed nothing would only repeat itself.
            if due.count < batch || expired.count == before { break }
        }
        InventoryMetrics.expired(expired.count)
        return expired
    }

    /// The handler for `inventory.expire_reservations`: sweeps in transactions of ``expiryBatchSize``
    /// holds (so SQLite's single writer is never held long), then schedules the next sweep. Register it
    /// with the process's `JobWorker` and call ``scheduleExpiry(on:)`` at start-up.
    public func expiryJob(in database: Database, logger: Logger = Logger(label: "torv.inventory")) -> JobHandler {
        JobHandler(kind: Self.expireReservationsJob) { _ in
            let batch = max(1, expiryBatchSize)
            var total = 0
            while true {
                let expired = try await database.inTransaction { db in
                    try await self.expireReservations(now: self.now, limit: batch, on: db)
                }
                total += expired.count
                if expired.count < batch { break }
            }
            if total > 0 {
                logger.info("released expired stock holds", metadata: ["count": "\(total)"])
            }
            try await database.inTransaction { db in try await self.scheduleExpiry(on: db) }
        }
    }

    /// Schedules the next sweep at the next multiple of ``expiryInterval`` (once per slot).
    public func scheduleExpiry(on db: any SQLDatabase) async throws {
        try await jobs.scheduleRecurring(Self.expireReservationsJob, every: expiryInterval, after: now, on: db)
    }
}
