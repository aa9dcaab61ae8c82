public import Foundation
public import Logging
public import Persistence
public import SQLKit
public import TorvCore

extension Checkout {
    /// Closes guest carts untouched for ``guestCartLifetime`` as of `now` (at most `limit`, oldest first),
    /// appending `cart.abandoned` for each, and returns their IDs. Idempotent: a cart is abandoned once.
    /// Customer carts are kept: they follow the customer across devices.
    @discardableResult
    public func abandonIdleGuestCarts(now: Date, limit: Int, on db: any SQLDatabase) async throws -> [CartID] {
        let carts = try await CheckoutStore.abandonIdleGuestCarts(
            before: now.addingTimeInterval(-guestCartLifetime), limit: max(1, limit), now: now, on: db)
        for cart in carts {
            try await outbox.append(
                CartAbandoned(
                    cartID: cart.id, channel: cart.channel, email: cart.email, lastActivityAt: cart.updatedAt,
                    lines: cart.snapshot),
                on: db)
        }
        CheckoutMetrics.cartsAbandoned(carts.count)
        return carts.map(\.id)
    }

    /// The handler for `checkout.abandon_guest_carts`: sweeps in transactions of ``abandonmentBatchSize``
    /// carts, then schedules the next sweep. Register it with the process's `JobWorker` and call
    /// ``scheduleAbandonment(on:)`` at start-up.
    public func abandonmentJob(in database: Database, logger: Logger = Logger(label: "torv.checkout")) -> JobHandler {
        JobHandler(kind: Self.abandonGuestCartsJob) { _ in
            let batch = max(1, abandonmentBatchSize)
            var total = 0
            while true {
                let closed = try await database.inTransaction { db in
                    try await self.abandonIdleGuestCarts(now: self.now, limit: batch, on: db)
                }
                total += closed.count
                if closed.count < batch { break }
            }
            if total > 0 { logger.info("abandoned idle guest carts", metadata: ["count": "\(total)"]) }
            try await database.inTransaction { db in try await self.scheduleAbandonment(on: db) }
        }
    }

    /// Schedules the next sweep at the next multiple of ``abandonmentInterval`` (once per slot).
    public func scheduleAbandonment(on db: any SQLDatabase) async throws {
        try await jobs.scheduleRecurring(Self.abandonGuestCartsJob, every: abandonmentInterval, after: now, on: db)
    }
}
