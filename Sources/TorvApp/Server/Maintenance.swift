import Checkout
import Flows
import Foundation
import Inventory
import Invoicing
import Persistence
import Promotions
import SQLKit
import Sellers
import TorvCore

/// Recurring housekeeping, run by the job worker of whichever process claims it first.
enum Maintenance {
    static let purgeIdempotencyKeys = "maintenance.purge_idempotency_keys"

    /// Overdue invoices are looked at this often for reminders.
    static let reminderInterval: TimeInterval = 3600

    /// Unpaid orders are swept this often.
    static let orderExpiryInterval: TimeInterval = 300

    /// Campaigns start and end within this much of their scheduled minute.
    static let campaignClockInterval: TimeInterval = 30

    /// Group deals are settled within this much of their deadline (or of filling up).
    static let groupDealSettlementInterval: TimeInterval = 30

    /// Every approved seller's scorecard is evaluated once a day.
    static let scorecardInterval: TimeInterval = 86_400

    /// Schedules the next run of each recurring job; the unique key makes every process's call
    /// schedule it once.
    static func schedule(on platform: Platform) async throws {
        let now = platform.clock.now()
        let jobs = platform.jobs
        let inventory = platform.inventory
        let checkout = platform.checkout
        try await platform.database.inTransaction { db in
            try await jobs.scheduleRecurring(purgeIdempotencyKeys, every: 3600, after: now, on: db)
            try await inventory.scheduleExpiry(on: db)
            try await checkout.scheduleAbandonment(on: db)
            try await jobs.scheduleRecurring(OrderPayments.expiryJob, every: orderExpiryInterval, after: now, on: db)
            try await jobs.scheduleRecurring(Invoicing.remindersJob, every: reminderInterval, after: now, on: db)
            try await jobs.scheduleRecurring(
                Promotions.campaignClockJob, every: campaignClockInterval, after: now, on: db)
            try await jobs.scheduleRecurring(
                Promotions.groupDealSettlementJob, every: groupDealSettlementInterval, after: now, on: db)
            try await jobs.scheduleRecurring(Sellers.buyRequestExpiryJob, every: 300, after: now, on: db)
            try await jobs.scheduleRecurring(Sellers.scorecardJob, every: scorecardInterval, after: now, on: db)
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
            JobHandler(kind: OrderPayments.expiryJob) { _ in
                try await OrderPayments.expireUnpaid(on: platform)
                try await platform.database.inTransaction { db in
                    try await platform.jobs.scheduleRecurring(
                        OrderPayments.expiryJob, every: orderExpiryInterval, after: platform.clock.now(), on: db)
                }
            },
            JobHandler(kind: Promotions.campaignClockJob) { _ in
                try await Campaigns.tick(on: platform)
                try await platform.database.inTransaction { db in
                    try await platform.jobs.scheduleRecurring(
                        Promotions.campaignClockJob, every: campaignClockInterval, after: platform.clock.now(), on: db)
                }
            },
            JobHandler(kind: Promotions.groupDealSettlementJob) { _ in
                // Rescheduled first: one deal's failure must not stop the clock for the others.
                try await platform.database.inTransaction { db in
                    try await platform.jobs.scheduleRecurring(
                        Promotions.groupDealSettlementJob, every: groupDealSettlementInterval,
                        after: platform.clock.now(), on: db)
                }
                try await GroupDeals.settleDue(on: platform)
            },
            JobHandler(kind: Sellers.buyRequestExpiryJob) { _ in
                try await platform.database.inTransaction { db in
                    try await platform.sellers.expireBuyRequests(on: db)
                    try await platform.jobs.scheduleRecurring(
                        Sellers.buyRequestExpiryJob, every: 300, after: platform.clock.now(), on: db)
                }
            },
            JobHandler(kind: Sellers.scorecardJob) { _ in
                // Rescheduled first: one seller's failure must not stop tomorrow's evaluation.
                try await platform.database.inTransaction { db in
                    try await platform.jobs.scheduleRecurring(
                        Sellers.scorecardJob, every: scorecardInterval, after: platform.clock.now(), on: db)
                }
                try await SellerScorecards.evaluateAll(on: platform)
            },
            JobHandler(kind: Invoicing.remindersJob) { _ in
                let now = platform.clock.now()
                try await platform.database.inTransaction { db in
                    try await platform.invoicing.sendReminders(asOf: now, on: db)
                    try await platform.jobs.scheduleRecurring(
                        Invoicing.remindersJob, every: reminderInterval, after: now, on: db)
                }
            },
        ]
    }
}
