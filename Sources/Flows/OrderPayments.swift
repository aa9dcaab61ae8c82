import Checkout
import Customers
public import Foundation
import Inventory
public import Orders
public import Payments
import Persistence
public import SQLKit
public import TorvCore

/// Keeps an order in step with its payment, whichever way the payment's news arrives: the provider's
/// own answer at checkout, a webhook (3-D Secure completed), or reconciliation of an unknown outcome.
/// Every path ends in ``settle(_:on:db:)`` inside the transaction that recorded the payment, and the
/// outbox subscriber runs it again for every payment event — it is idempotent, so doing it twice is
/// harmless and missing it once is impossible.
public enum OrderPayments {
    public struct Settled: Sendable {
        public var order: Order
        public var payment: Payment
        /// The payment is authorised and the shop captures at once: a provider call must follow.
        public var needsCapture: Bool
        /// The payment was authorised after its order was cancelled (a 3-D Secure challenge passed
        /// after the order expired): the authorisation must be voided.
        public var needsVoid = false
    }

    /// The capture job, for authorisations that arrive outside a request (webhooks, reconciliation).
    public static let captureJob = "orders.capture_payment"

    static let actor = AuditActor(kind: "system", id: "payments")

    /// Moves the order the payment belongs to: captured → paid (and the stock hold becomes a sale);
    /// failed or voided before payment → cancelled (and the stock goes back).
    public static func settle(
        _ payment: Payment, on platform: Platform, db: any SQLDatabase
    ) async throws -> Settled {
        guard let orderID = OrderID(payment.reference) else {
            throw OrdersError.orderNotFound
        }
        var order = try await platform.orders.order(orderID, on: db)
        var needsCapture = false
        switch payment.status {
        case .captured, .partiallyRefunded, .refunded:
            if order.status == .placed {
                // A credit check of the same company reads its open invoices and its orders not yet
                // invoiced in two statements; it must not miss this order between them (placed when it
                // reads invoices, paid when it reads orders). The company row is locked first — the
                // order every checkout takes its locks in — so the check waits for this invoice.
                if case .invoice = payment.method, let company = order.companyID.flatMap(CompanyID.init) {
                    _ = try await platform.customers.lockedCompany(company, on: db)
                }
                order = try await platform.orders.markPaid(orderID, paymentID: payment.id.rawValue, by: actor, on: db)
                try await commitStock(of: order, on: platform, db: db)
                try await Receivables.invoice(order, paidBy: payment, on: platform, db: db)
            }
            if payment.refundedAmount.isPositive {
                try await AfterSale.countConfirmedRefunds(of: payment, order: orderID, on: platform, db: db)
                order = try await platform.orders.order(orderID, on: db)
            }
        case .authorized:
            // An order waiting for its company's approver keeps the authorisation until the decision.
            needsCapture = order.status == .placed
            if order.status == .cancelled {
                return Settled(order: order, payment: payment, needsCapture: false, needsVoid: true)
            }
        case .failed, .voided:
            if order.status == .placed || order.status == .awaitingApproval {
                let reason = payment.failureReason.map { "Payment declined (\($0.rawValue))" } ?? "Payment failed"
                let cancelled = try await platform.orders.cancel(orderID, reason: reason, by: actor, on: db)
                order = cancelled.order
                if let hold = cancelled.stockReservationID.flatMap(StockReservationID.init) {
                    _ = try await platform.inventory.release(hold, on: db)
                }
                try await MarketplaceCheckout.cancelSubOrders(of: order, on: platform, db: db)
                try await GiftCardTenders.release(order, on: platform, db: db)
                if let cartID = order.cartID.flatMap(CartID.init) {
                    // The shopper may try again with another card: the cart is theirs again.
                    _ = try await platform.checkout.reopen(cartID, orderReference: order.checkoutKey, on: db)
                }
            }
        case .pending, .requiresAction, .unknown:
            break
        }
        return Settled(order: order, payment: payment, needsCapture: needsCapture)
    }

    /// Makes the provider call a settlement asks for, if any: capture for an order that goes ahead,
    /// void for one that was cancelled meanwhile.
    @discardableResult
    public static func followUp(_ settled: Settled, on platform: Platform) async throws -> Settled {
        if settled.needsCapture { return try await capture(settled.payment, on: platform) }
        if settled.needsVoid {
            let attempt = try await platform.database.inTransaction { db in
                try await platform.payments.startVoid(settled.payment.id, by: actor, on: db)
            }
            let payment = try await AfterSale.finish(attempt, on: platform)
            return Settled(order: settled.order, payment: payment, needsCapture: false)
        }
        return settled
    }

    /// The job that cancels orders whose payment never completed within the stock hold (an abandoned
    /// 3-D Secure challenge): their stock went back when the hold expired.
    public static let expiryJob = "orders.expire_unpaid"

    /// Cancels up to `limit` orders placed before `holdDuration` ago that are still waiting for a
    /// payment which has not been authorised; returns them.
    @discardableResult
    public static func expireUnpaid(on platform: Platform, limit: Int = 100) async throws -> [OrderID] {
        let cutoff = platform.clock.now().addingTimeInterval(-OrderPlacement.holdDuration)
        let due = try await platform.database.read { db in
            try await platform.orders.orders(
                matching: OrderQuery(status: .placed, placed: Date(timeIntervalSince1970: 0)..<cutoff), limit: limit,
                on: db)
        }
        var expired: [OrderID] = []
        for order in due {
            let cancelled = try await platform.database.inTransaction { db -> Bool in
                let payment = try await platform.payments.payments(forReference: order.id.rawValue, on: db).last
                guard let payment, [.pending, .requiresAction, .failed].contains(payment.status) else { return false }
                let result = try await platform.orders.cancel(
                    order.id, reason: "The payment was not completed in time", by: actor, on: db)
                if let hold = result.stockReservationID.flatMap(StockReservationID.init) {
                    _ = try await platform.inventory.release(hold, on: db)
                }
                try await MarketplaceCheckout.cancelSubOrders(of: result.order, on: platform, db: db)
                try await GiftCardTenders.release(result.order, on: platform, db: db)
                return true
            }
            if cancelled { expired.append(order.id) }
        }
        return expired
    }

    /// Captures an authorised payment in full (one provider call between two transactions) and settles
    /// the order with the answer.
    public static func capture(_ payment: Payment, on platform: Platform) async throws -> Settled {
        let attempt = try await platform.database.inTransaction { db in
            try await platform.payments.startCapture(payment.id, on: db)
        }
        let outcome = await platform.payments.perform(attempt)
        return try await platform.database.inTransaction { db in
            let recorded = try await platform.payments.record(outcome, of: attempt, on: db)
            return try await settle(recorded, on: platform, db: db)
        }
    }

    /// The sale takes the held stock. A hold that expired while a 3-D Secure challenge was open is
    /// re-reserved; when the stock is gone meanwhile, the paid order stays paid and says so on its
    /// timeline for staff to resolve (a refund or a backorder) — never a unit sold twice.
    static func commitStock(of order: Order, on platform: Platform, db: any SQLDatabase) async throws {
        guard let hold = order.stockReservationID.flatMap(StockReservationID.init) else { return }
        do {
            _ = try await platform.inventory.commit(hold, by: actor, on: db)
        } catch InventoryError.reservationExpired, InventoryError.reservationAlreadyReleased {
            do {
                let again = try await platform.inventory.reserve(
                    order.lines.filter { $0.sellerID == nil }.map { StockRequest(sku: $0.sku, quantity: $0.quantity) },
                    for: "\(order.checkoutKey):again", until: platform.clock.now().addingTimeInterval(60), on: db)
                _ = try await platform.inventory.commit(again.id, by: actor, on: db)
            } catch let error as InventoryError {
                _ = try await platform.orders.addNote(
                    order.id,
                    text: "Paid after the stock hold expired, and the stock could not be secured again "
                        + "(\(error.code)). Refund or backorder.",
                    visibleToCustomer: false, by: actor, on: db)
            }
        }
    }
}
