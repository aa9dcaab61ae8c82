import Checkout
import Flows
import Foundation
import Inventory
import Persistence
import TorvCore

/// Recurring housekeeping, run by the job worker of whichever process claims it first.
enum Maintenance {
    static let purgeIdempotencyKeys = "maintenance.purge_idempotency_keys"

    struct Slot: Codable, Sendable { let hour: Int }

    /// Schedules the next run of each recurring job; the unique key makes every process's call
    /// schedule it once.
    static func schedule(on platform: Platform) async throws {
        let now = platform.clock.now()
        let hour = Int(now.timeIntervalSince1970 / 3600)
        let jobs = platform.jobs
        let inventory = platform.inventory
        let checkout = platform.checkout
        try await platform.database.inTransaction { db in
            try await jobs.enqueue(
                kind: purgeIdempotencyKeys, payload: Slot(hour: hour + 1),
                runAt: Date(timeIntervalSince1970: Double(hour + 1) * 3600),
                uniqueKey: "\(purgeIdempotencyKeys):\(hour + 1)", on: db)
            try await inventory.scheduleExpiry(on: db)
            try await checkout.scheduleAbandonment(on: db)
        }
    }

    static func handlers(_ platform: Platform) -> [JobHandler] {
        [
            JobHandler(kind: purgeIdempotencyKeys) { _ in
                try await platform.idempotency.purgeExpired(in: platform.database)
                try await schedule(on: platform)
            },
            platform.inventory.expiryJob(in: platform.database),
            // Flows' reconcile handler: the order follows its payment's reconciled outcome.
            PaymentWebhooks.reconcileJob(on: platform),
            platform.checkout.abandonmentJob(in: platform.database),
        ]
    }
}
