import Checkout
import Flows
import Foundation
import Inventory
import Persistence
import SQLKit
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
            try await scheduleOrderExpiry(after: now, on: jobs, db: db)
        }
    }

    /// Unpaid orders are swept every five minutes; the slot in the unique key schedules each sweep once.
    static func scheduleOrderExpiry(after now: Date, on jobs: JobQueue, db: any SQLDatabase) async throws {
        let slot = Int(now.timeIntervalSince1970 / 300) + 1
        try await jobs.enqueue(
            kind: OrderPayments.expiryJob, payload: Slot(hour: slot),
            runAt: Date(timeIntervalSince1970: Double(slot) * 300),
            uniqueKey: "\(OrderPayments.expiryJob):\(slot)", on: db)
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
            JobHandler(kind: OrderPayments.expiryJob) { _ in
                try await OrderPayments.expireUnpaid(on: platform)
                try await platform.database.inTransaction { db in
                    try await scheduleOrderExpiry(after: platform.clock.now(), on: platform.jobs, db: db)
                }
            },
        ]
    }
}
