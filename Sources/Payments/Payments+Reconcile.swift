import Foundation
public import Logging
public import Persistence
public import TorvCore

extension Payments {
    /// Resolves every attempt of payment `id` whose outcome is unknown (or that was abandoned between
    /// the steps) by asking its provider with our idempotency key, then recording the answer, one
    /// transaction per attempt. The provider is asked outside any transaction.
    ///
    /// A call the provider never received is recorded as failed (`not_processed`); one it cannot answer
    /// about throws `provider_unavailable`, and the payment stays unknown until the next try.
    @discardableResult
    public func reconcile(_ id: PaymentID, in database: Database) async throws -> Payment {
        let cutoff = now.addingTimeInterval(-abandonedAfter)
        let open = try await database.read { db in try await PaymentStore.attempts(of: id, on: db) }
            .filter { $0.status == .unknown || ($0.status == .pending && $0.attempt.startedAt <= cutoff) }
        for record in open {
            let outcome = try await lookUp(record.attempt)
            _ = try await database.inTransaction { db in
                try await self.record(outcome, of: record.attempt, on: db)
            }
        }
        return try await database.read { db in try await self.payment(id, on: db) }
    }

    /// The handler for `payments.reconcile`. Register it with the process's `JobWorker`. It throws while
    /// the provider cannot be reached, so the queue retries with back-off.
    public func reconcileJob(in database: Database, logger: Logger = Logger(label: "torv.payments")) -> JobHandler {
        JobHandler(kind: Self.reconcileJobKind) { job in
            let request = try job.decode(ReconcileRequest.self)
            let payment = try await self.reconcile(request.paymentID, in: database)
            logger.info(
                "reconciled payment",
                metadata: ["payment_id": "\(payment.id)", "status": "\(payment.status.rawValue)"])
        }
    }
}
