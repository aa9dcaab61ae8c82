import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// What an approved return is due, as a pure function of the snapshot: the approved units' shares of
    /// their line totals (discounts and tax included), plus the order's shipping when `includeShipping`
    /// and no earlier refund returned it already, less what paid for the return's exchange order.
    public static func refundDue(
        for orderReturn: OrderReturn, of order: Order, includeShipping: Bool, shippingAlreadyRefunded: Money
    ) throws -> Money {
        guard [.approved, .received, .inspected, .refunded].contains(orderReturn.status) else {
            throw OrdersError.returnNotApproved
        }
        let due = try RefundRule.refundDue(
            lines: orderReturn.lines.map { $0.refund ?? .zero(order.currency) }, shipping: order.totals.shipping,
            includeShipping: includeShipping, shippingAlreadyRefunded: shippingAlreadyRefunded)
        // What paid for an exchange order is not paid out again (it never exceeds the lines' value).
        guard let credit = orderReturn.exchangeCredit else { return due }
        let remaining = try due.subtracting(credit)
        return remaining.isPositive ? remaining : .zero(order.currency)
    }

    /// What the flow should refund for a return (see ``refundDue(for:of:includeShipping:shippingAlreadyRefunded:)``).
    public func refundDue(
        for id: ReturnID, includeShipping: Bool, on db: any SQLDatabase
    ) async throws -> Money {
        let orderReturn = try await self.orderReturn(id, on: db)
        let order = try await self.order(orderReturn.orderID, on: db)
        let shippingRefunded = Money(
            minorUnits: try await OrdersStore.shippingRefunded(of: order.id, on: db), currency: order.currency)
        return try Self.refundDue(
            for: orderReturn, of: order, includeShipping: includeShipping, shippingAlreadyRefunded: shippingRefunded)
    }

    /// Records the refund the flow made for a received (or inspected) return, once: the amount may be less
    /// than due (a deduction for damage) but never more, and refunds never add up to more than the order's
    /// grand total. Recording the same payment refund again returns the return unchanged. Appends
    /// `return.refunded`.
    @discardableResult
    public func markReturnRefunded(
        _ id: ReturnID, amount: Money, paymentRefundID: String, by actor: AuditActor = .system,
        on db: any SQLDatabase
    ) async throws -> OrderReturn {
        let existing = try await orderReturn(id, on: db)
        // Lock the order first: the amount due (shipping refunded by other returns) is read under the lock.
        guard let order = try await OrdersStore.lockedOrder(existing.orderID, on: db) else {
            throw OrdersError.orderNotFound
        }
        var validator = Validator()
        validator.requireText(paymentRefundID, at: "/payment_refund_id", maximum: 200)
        if validator.checkAmount(amount, currency: order.currency, at: "/amount"), amount.isZero {
            validator.add(OrdersError.amountMustBePositive, at: "/amount")
        }
        try validator.finish()
        if existing.status == .refunded {
            guard existing.paymentRefundID == paymentRefundID else {
                throw OrdersError.invalidReturnTransition(from: .refunded, to: .refunded)
            }
            return existing
        }
        if try await OrdersStore.paymentRefundRecorded(paymentRefundID, on: db) {
            throw OrdersError.paymentRefundAlreadyRecorded
        }
        let due = try await refundDue(for: id, includeShipping: true, on: db)
        let linesDue = try await refundDue(for: id, includeShipping: false, on: db)
        guard try amount.compare(to: due) != .greater else { throw OrdersError.refundExceedsDue(due: due) }
        let shippingPart = try amount.subtracting(linesDue)
        let shipping = shippingPart.isPositive ? shippingPart : .zero(order.currency)
        return try await returnStep(
            id, to: .refunded, refund: (amount, paymentRefundID, shipping), by: actor, on: db
        ) { orderReturn, order, now in
            guard try await OrdersStore.addRefund(amount, to: order.id, now: now, on: db) else {
                let current = try await self.order(order.id, on: db)
                throw OrdersError.refundExceedsTotal(
                    remaining: try current.totals.grandTotal.subtracting(current.refundedTotal))
            }
            return ReturnRefunded(
                orderReturn: Self.event(try await self.orderReturn(id, on: db)), amount: amount,
                paymentRefundID: paymentRefundID)
        }
    }

    /// Counts a refund of the order's payment made outside a return — a cancellation, goodwill — in the
    /// order's refunded total, once per payment refund: recording the same refund again changes nothing.
    @discardableResult
    public func recordRefund(
        _ amount: Money, of id: OrderID, paymentRefundID: String, on db: any SQLDatabase
    ) async throws -> Order {
        let now = self.now
        return try await Savepoint.atomically("orders_record_refund", on: db) {
            guard let order = try await OrdersStore.lockedOrder(id, on: db) else { throw OrdersError.orderNotFound }
            var validator = Validator()
            validator.requireText(paymentRefundID, at: "/payment_refund_id", maximum: 200)
            if validator.checkAmount(amount, currency: order.currency, at: "/amount"), amount.isZero {
                validator.add(OrdersError.amountMustBePositive, at: "/amount")
            }
            try validator.finish()
            guard
                try await OrdersStore.insertRefund(amount, paymentRefundID: paymentRefundID, of: id, now: now, on: db)
            else { return order }
            guard try await OrdersStore.addRefund(amount, to: id, now: now, on: db) else {
                throw OrdersError.refundExceedsTotal(
                    remaining: try order.totals.grandTotal.subtracting(order.refundedTotal))
            }
            return try await self.order(id, on: db)
        }
    }
}
