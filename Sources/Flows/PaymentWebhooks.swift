import Foundation
public import Logging
import Orders
public import Payments
public import Persistence
import TorvCore

/// Inbound provider webhooks and reconciliation: the ways a payment's outcome arrives after the
/// request that started it, each settling the order in the transaction that records the payment.
public enum PaymentWebhooks {
    /// Verifies (signature, timestamp; before any database work), applies at most once, and settles the
    /// order. A forged or stale request throws; a replayed event answers `.duplicate` and changes nothing.
    public static func receive(
        provider: String, headers: [String: String], body: [UInt8], on platform: Platform
    ) async throws -> WebhookApplication {
        let event = try platform.payments.verifyWebhook(provider: provider, headers: headers, body: body)
        let (application, settled) = try await platform.database.inTransaction {
            db -> (WebhookApplication, OrderPayments.Settled?) in
            let application = try await platform.payments.apply(event, on: db)
            guard case .applied(let payment) = application else { return (application, nil) }
            // Group-deal participants' payments (`gdpart_…`) are settled by the deal's settlement run.
            guard OrderID(payment.reference) != nil else { return (application, nil) }
            return (application, try await OrderPayments.settle(payment, on: platform, db: db))
        }
        if let settled { try await OrderPayments.followUp(settled, on: platform) }
        return application
    }

    /// Replaces Payments' own reconcile handler: after the provider's answer is recorded, the order
    /// follows. Safe to run again after a crash between the two: both steps are idempotent.
    public static func reconcileJob(
        on platform: Platform, logger: Logger = Logger(label: "torv.payments")
    ) -> JobHandler {
        JobHandler(kind: Payments.reconcileJobKind) { job in
            let request = try job.decode(ReconcileRequest.self)
            let payment = try await platform.payments.reconcile(request.paymentID, in: platform.database)
            // Group-deal participants' payments (`gdpart_…`) are settled by the deal's settlement run.
            guard OrderID(payment.reference) != nil else { return }
            let settled = try await platform.database.inTransaction { db in
                try await OrderPayments.settle(payment, on: platform, db: db)
            }
            try await OrderPayments.followUp(settled, on: platform)
            logger.info(
                "reconciled payment",
                metadata: ["payment_id": "\(payment.id)", "status": "\(payment.status.rawValue)"])
        }
    }
}
