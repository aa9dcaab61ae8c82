import Flows
import Foundation
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

/// A refund whose answer was lost (the provider timed out after refunding) counts on the order when
/// its confirmation arrives later, once, however often it is delivered.
@Suite("Refunds confirmed late")
struct LateRefundTests {
    @Test(
        "a cancellation refund confirmed only by webhook reaches refunded_total once", arguments: TestBackend.allCases)
    func lateCancellationRefund(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let placed = try await AfterSaleFlowTests.paidOrder(shop, key: "late-1", on: platform)
            _ = await platform.testCards.drainWebhooks()  // the capture's confirmation, not under test

            await platform.testCards.timeOutNext(.refund, afterProcessing: true)
            let cancelled = try await AfterSale.cancel(
                placed.order.id, reason: "Changed my mind", by: AfterSaleFlowTests.staff, on: platform)
            #expect(cancelled.status == .cancelled)
            #expect(cancelled.refundedTotal.isZero, "the answer was lost: nothing is counted yet")

            let webhooks = await platform.testCards.drainWebhooks()
            #expect(webhooks.count == 1)
            for webhook in webhooks + webhooks {
                _ = try await PaymentWebhooks.receive(
                    provider: platform.testCards.name, headers: webhook.headers, body: webhook.body, on: platform)
            }
            let stored = try await platform.database.read { db in
                try await platform.orders.order(placed.order.id, on: db)
            }
            let payment = try await AfterSaleFlowTests.payment(of: placed.order, on: platform)
            #expect(payment.refundedAmount == placed.order.totals.grandTotal)
            #expect(stored.refundedTotal == payment.refundedAmount)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }
}
