import Foundation
public import Inventory
public import Orders
public import Payments
public import Persistence
import Promotions
import SQLKit
import Sellers
public import TorvCore

/// What happens to money and stock after an order is placed: cancellation, refunds and returns. Each
/// step changes the order and the stock in one transaction; the provider is called between two.
public enum AfterSale {
    /// Cancels an order that has not shipped: its stock goes back (a hold is released, stock already
    /// sold at payment is booked back in), and its payment is voided or refunded.
    public static func cancel(
        _ id: OrderID, reason: String, by actor: AuditActor, on platform: Platform
    ) async throws -> Order {
        try await cancel(reason: reason, by: actor, on: platform) { db in
            try await platform.orders.cancel(id, reason: reason, by: actor, on: db)
        }
    }

    /// The customer cancels their own order before anyone started on it (see
    /// ``Orders/cancel(_:ofCustomer:reason:on:)``), with the same consequences for stock and money as a
    /// cancellation by staff.
    public static func cancel(
        _ id: OrderID, ofCustomer customerID: String, reason: String, on platform: Platform
    ) async throws -> Order {
        try await cancel(reason: reason, by: AuditActor(kind: "customer", id: customerID), on: platform) { db in
            try await platform.orders.cancel(id, ofCustomer: customerID, reason: reason, on: db)
        }
    }

    static func cancel(
        reason: String, by actor: AuditActor, on platform: Platform,
        _ cancellation: @escaping @Sendable (any SQLDatabase) async throws -> CancelledOrder
    ) async throws -> Order {
        let (order, attempt) = try await platform.database.inTransaction { db -> (Order, PaymentAttempt?) in
            let cancelled = try await cancellation(db)
            // Gift cards get back what they paid: released if the order was never paid, refunded if it was.
            switch cancelled.payment {
            case .nothingToSettle: try await GiftCardTenders.release(cancelled.order, on: platform, db: db)
            case .voidOrRefund:
                try await platform.promotions.release(cancelled.order.checkoutKey, on: db)
                try await platform.promotions.releaseFlashUnits(cancelled.order.checkoutKey, on: db)
                try await GiftCardTenders.refund(
                    try await GiftCardTenders.outstanding(of: cancelled.order, on: platform, db: db),
                    of: cancelled.order, key: "cancel:\(cancelled.order.id.rawValue)", on: platform, db: db)
            }
            try await MarketplaceCheckout.cancelSubOrders(of: cancelled.order, on: platform, db: db)
            if let hold = cancelled.stockReservationID.flatMap(StockReservationID.init) {
                let reservation = try await platform.inventory.reservation(hold, on: db)
                switch reservation.status {
                case .held: _ = try await platform.inventory.release(hold, on: db)
                case .committed:
                    for line in reservation.lines {
                        try await platform.inventory.adjust(
                            StockAdjustment(
                                sku: line.sku, locationID: line.locationID, quantity: line.quantity,
                                reason: .customerReturn, reference: cancelled.order.number, note: "Order cancelled"),
                            by: actor, on: db)
                    }
                case .released, .expired: break
                }
            }
            // Read again: gift cards refunded above count in the order's refunded total.
            return (
                try await platform.orders.order(cancelled.order.id, on: db),
                try await settlementAttempt(for: cancelled, reason: reason, actor: actor, db: db, platform: platform)
            )
        }
        guard let attempt else { return order }
        try await finish(attempt, on: platform)
        // The refund, if one was made, now counts in the order's refunded total.
        return try await platform.database.read { db in try await platform.orders.order(order.id, on: db) }
    }

    static func settlementAttempt(
        for cancelled: CancelledOrder, reason: String, actor: AuditActor, db: any SQLDatabase, platform: Platform
    ) async throws -> PaymentAttempt? {
        guard case .voidOrRefund(let paymentText, _) = cancelled.payment, let paymentID = PaymentID(paymentText)
        else {
            // Never paid: an authorisation still open (3-D Secure, invoice) is voided.
            for payment in try await platform.payments.payments(forReference: cancelled.order.id.rawValue, on: db)
            where payment.status == .authorized {
                return try await platform.payments.startVoid(payment.id, by: actor, on: db)
            }
            return nil
        }
        let payment = try await platform.payments.payment(paymentID, on: db)
        switch payment.status {
        case .authorized: return try await platform.payments.startVoid(paymentID, by: actor, on: db)
        case .captured, .partiallyRefunded:
            guard payment.refundableAmount.isPositive else { return nil }
            return try await platform.payments.startRefund(
                paymentID, amount: payment.refundableAmount, reason: reason,
                key: "cancel:\(cancelled.order.id.rawValue)",
                by: actor, on: db)
        default: return nil
        }
    }

    /// Refunds part of what an order was paid (goodwill, a price adjustment): through its card payment
    /// as far as that captured, the rest onto the gift cards that paid. `key` makes the refund idempotent;
    /// refunds never exceed the capture (Payments' guarded update) nor what the cards paid.
    @discardableResult
    public static func refund(
        _ id: OrderID, amount: Money, reason: String, key: String, by actor: AuditActor, on platform: Platform
    ) async throws -> Order {
        let attempt = try await platform.database.inTransaction { db -> PaymentAttempt? in
            try await startRefund(
                try await platform.orders.order(id, on: db), amount: amount, reason: reason, key: key, by: actor,
                on: platform, db: db)
        }
        if let attempt { try await finish(attempt, on: platform) }
        return try await platform.database.read { db in try await platform.orders.order(id, on: db) }
    }

    /// Refunds what gift cards paid of `amount` at once and starts the card refund of the rest (the
    /// provider call follows the transaction), inside the caller's transaction.
    static func startRefund(
        _ order: Order, amount: Money, reason: String, key: String, by actor: AuditActor, on platform: Platform,
        db: any SQLDatabase
    ) async throws -> PaymentAttempt? {
        let split = try await tenderSplit(amount, of: order, on: platform, db: db)
        if split.giftCards.isPositive {
            try await GiftCardTenders.refund(
                split.giftCards, of: order, key: "order:\(order.id.rawValue):\(key)", on: platform, db: db)
        }
        guard split.card.isPositive, let paymentID = split.paymentID else { return nil }
        return try await platform.payments.startRefund(
            paymentID, amount: split.card, reason: reason, key: "order:\(order.id.rawValue):\(key)", by: actor, on: db)
    }

    /// How a refund of `amount` divides between the order's card payment (first, up to what it can still
    /// refund) and its gift cards (the rest, up to what they paid and did not get back).
    static func tenderSplit(
        _ amount: Money, of order: Order, on platform: Platform, db: any SQLDatabase
    ) async throws -> (paymentID: PaymentID?, card: Money, giftCards: Money) {
        let paymentID = order.paymentID.flatMap(PaymentID.init)
        guard order.giftCardTotal.isPositive else {
            guard paymentID != nil else { throw PaymentError.paymentNotFound }
            return (paymentID, amount, .zero(order.currency))
        }
        var cardRefundable = Money.zero(order.currency)
        if let paymentID {
            cardRefundable = try await platform.payments.payment(paymentID, on: db).refundableAmount
        }
        let card = amount.amount <= cardRefundable.amount ? amount : cardRefundable
        return (paymentID, card, try amount.subtracting(card))
    }

    /// Inspects a received return: restocked units go back on hand at `location` (a `return` movement),
    /// written-off units stay out of stock.
    public static func inspect(
        _ id: ReturnID, outcomes: [OrderLineID: InspectionOutcome], restockAt location: StockLocationID?,
        by actor: AuditActor, on platform: Platform
    ) async throws -> OrderReturn {
        try await platform.database.inTransaction { db in
            let inspected = try await platform.orders.inspectReturn(id, outcomes: outcomes, by: actor, on: db)
            guard !inspected.restock.isEmpty else { return inspected.orderReturn }
            guard let location else {
                throw ValidationError([
                    FieldError(
                        pointer: "/location_id", message: "is required to restock returned units", code: "required")
                ])
            }
            let order = try await platform.orders.order(inspected.orderReturn.orderID, on: db)
            for line in inspected.restock {
                // A seller's item goes back to the seller, not into the shop's stock.
                guard let sold = order.line(line.lineID), sold.sellerID == nil else { continue }
                let sku = sold.sku
                try await platform.inventory.adjust(
                    StockAdjustment(
                        sku: sku, locationID: location, quantity: line.quantity, reason: .customerReturn,
                        reference: inspected.orderReturn.number, note: "Returned and restocked"),
                    by: actor, on: db)
            }
            return inspected.orderReturn
        }
    }

    /// Refunds a received or inspected return through the order's payment: the amount due from the
    /// snapshotted lines (and shipping when asked), once.
    public static func refundReturn(
        _ id: ReturnID, includeShipping: Bool, by actor: AuditActor, on platform: Platform
    ) async throws -> OrderReturn {
        let started = try await platform.database.inTransaction { db -> (PaymentAttempt?, Money, OrderReturn) in
            let orderReturn = try await platform.orders.orderReturn(id, on: db)
            let order = try await platform.orders.order(orderReturn.orderID, on: db)
            let due = try await platform.orders.refundDue(for: id, includeShipping: includeShipping, on: db)
            guard due.isPositive else { throw OrdersError.nothingToRefund }
            let split = try await tenderSplit(due, of: order, on: platform, db: db)
            // The gift cards' part goes back at once (once per return, by its key); the whole amount counts
            // on the order when the return is marked refunded.
            try await GiftCardTenders.refund(
                split.giftCards, of: order, key: "return:\(id.rawValue)", countsOnOrder: false, on: platform, db: db)
            guard split.card.isPositive, let paymentID = split.paymentID else {
                let refunded = try await platform.orders.markReturnRefunded(
                    id, amount: due, paymentRefundID: "gift_cards:\(id.rawValue)", by: actor, on: db)
                try await chargeSellers(for: refunded, on: platform, db: db)
                return (nil, due, refunded)
            }
            let attempt = try await platform.payments.startRefund(
                paymentID, amount: split.card, reason: "Return \(orderReturn.number)", key: "return:\(id.rawValue)",
                by: actor, on: db)
            return (attempt, due, orderReturn)
        }
        guard let attempt = started.0 else { return started.2 }
        let due = started.1
        let outcome = await platform.payments.perform(attempt)
        return try await platform.database.inTransaction { db in
            _ = try await platform.payments.record(outcome, of: attempt, on: db)
            guard case .succeeded = outcome, let refundID = attempt.refundID else {
                return try await platform.orders.orderReturn(id, on: db)
            }
            let refunded = try await platform.orders.markReturnRefunded(
                id, amount: due, paymentRefundID: refundID.rawValue, by: actor, on: db)
            try await chargeSellers(for: refunded, on: platform, db: db)
            return refunded
        }
    }

    /// A refunded return of sellers' items debits each seller the refund and credits back the platform's fee
    /// on those units, once per return (the movements' keys).
    static func chargeSellers(for orderReturn: OrderReturn, on platform: Platform, db: any SQLDatabase) async throws {
        let order = try await platform.orders.order(orderReturn.orderID, on: db)
        let parts = try await platform.orders.subOrders(of: order.id, on: db)
        guard !parts.isEmpty else { return }
        var movements: [NewSellerMovement] = []
        let now = platform.clock.now()
        for share in try SellerReturnShare.of(orderReturn, order: order, subOrders: parts) {
            guard let sellerID = SellerID(share.sellerID) else { continue }
            movements.append(
                NewSellerMovement(
                    sellerID: sellerID, kind: .refund, amount: try share.refund.negated(), availableAt: now,
                    reference: orderReturn.number, key: "refund:\(orderReturn.id.rawValue):\(share.subOrderID.rawValue)"
                ))
            if share.fee.isPositive {
                movements.append(
                    NewSellerMovement(
                        sellerID: sellerID, kind: .feeRefund, amount: share.fee, availableAt: now,
                        reference: orderReturn.number,
                        key: "fee_refund:\(orderReturn.id.rawValue):\(share.subOrderID.rawValue)"))
            }
        }
        if !movements.isEmpty { try await platform.sellers.recordMovements(movements, on: db) }
    }

    @discardableResult
    static func finish(_ attempt: PaymentAttempt, on platform: Platform) async throws -> Payment {
        let outcome = await platform.payments.perform(attempt)
        return try await platform.database.inTransaction { db in
            let payment = try await platform.payments.record(outcome, of: attempt, on: db)
            if case .succeeded = outcome {
                try await countRefund(attempt, of: payment, on: platform, db: db)
            }
            return payment
        }
    }

    /// A refund outside a return (a cancellation, goodwill) counts in the order's refunded total, in the
    /// transaction that records it, once per provider refund. Returns count their own refunds
    /// (``Orders/markReturnRefunded(_:amount:paymentRefundID:by:on:)``).
    static func countRefund(
        _ attempt: PaymentAttempt, of payment: Payment, on platform: Platform, db: any SQLDatabase
    ) async throws {
        guard attempt.kind == .refund, let refundID = attempt.refundID, let orderID = OrderID(payment.reference)
        else { return }
        do {
            try await platform.orders.recordRefund(
                attempt.amount, of: orderID, paymentRefundID: refundID.rawValue, on: db)
        } catch let error as OrdersError {
            // The money went back already; losing the payment's record over a bookkeeping refusal would be
            // worse. Payments never refund more than was captured, so this is not expected to happen.
            _ = try await platform.orders.addNote(
                orderID, text: "A refund of \(attempt.amount) could not be counted on the order (\(error.code)).",
                visibleToCustomer: false, by: .system, on: db)
        }
    }

    /// Every refund of the order's payment that the provider has confirmed counts on the order once,
    /// whichever way the confirmation came: the call's own answer, a webhook after a timeout, or
    /// reconciliation. A return's refund (key `return:<id>`) marks the return refunded; any other
    /// counts in the refunded total. Both are idempotent, so settling again changes nothing.
    static func countConfirmedRefunds(
        of payment: Payment, order orderID: OrderID, on platform: Platform, db: any SQLDatabase
    ) async throws {
        for refund in try await platform.payments.refunds(of: payment.id, on: db) where refund.status == .succeeded {
            do {
                if refund.key.hasPrefix("return:"), let returnID = ReturnID(String(refund.key.dropFirst(7))) {
                    guard try await platform.orders.orderReturn(returnID, on: db).status != .refunded else { continue }
                    _ = try await platform.orders.markReturnRefunded(
                        returnID, amount: refund.amount, paymentRefundID: refund.id.rawValue, on: db)
                } else {
                    try await platform.orders.recordRefund(
                        refund.amount, of: orderID, paymentRefundID: refund.id.rawValue, on: db)
                }
            } catch let error as OrdersError {
                // The money went back already; refusing to record the payment over bookkeeping would be worse.
                _ = try await platform.orders.addNote(
                    orderID, text: "A refund of \(refund.amount) could not be counted on the order (\(error.code)).",
                    visibleToCustomer: false, by: .system, on: db)
            }
        }
    }
}
