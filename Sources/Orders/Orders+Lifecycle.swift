import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// A buyer's company approves an order above the buyer's limit: awaiting_approval → placed.
    /// Appends `order.approved`.
    @discardableResult
    public func approve(_ id: OrderID, by actor: AuditActor, on db: any SQLDatabase) async throws -> Order {
        let now = self.now
        return try await Savepoint.atomically("orders_approve", on: db) {
            let order = try await move(try await self.order(id, on: db), to: .placed, now: now, on: db)
            try await record(
                OrderApproved(orderID: id, number: order.number), order: id, visibleToCustomer: true, by: actor,
                now: now, on: db)
            try await audit.record("order.approved", by: actor, target: ("order", id.rawValue), on: db)
            return order
        }
    }

    /// The company refuses an order that awaited approval: awaiting_approval → cancelled.
    @discardableResult
    public func reject(
        _ id: OrderID, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> CancelledOrder {
        let order = try await self.order(id, on: db)
        guard order.status == .awaitingApproval else {
            throw OrdersError.invalidOrderTransition(from: order.status, to: .cancelled)
        }
        return try await cancel(id, reason: reason, by: actor, on: db)
    }

    /// Records that `paymentID` paid the order: placed → paid. Appends `order.paid`.
    ///
    /// Idempotent for the same payment (a provider webhook delivered twice); another payment for an order
    /// that is paid already is refused (`already_paid`).
    @discardableResult
    public func markPaid(
        _ id: OrderID, paymentID: String, by actor: AuditActor = .system, on db: any SQLDatabase
    ) async throws -> Order {
        var validator = Validator()
        validator.requireText(paymentID, at: "/payment_id", maximum: 200)
        try validator.finish()
        let now = self.now
        return try await Savepoint.atomically("orders_mark_paid", on: db) {
            let order = try await self.order(id, on: db)
            if let paid = order.paymentID {
                guard paid == paymentID else { throw OrdersError.alreadyPaid }
                return order
            }
            _ = try OrderStateMachine.move(from: order.status, to: .paid)
            guard try await OrdersStore.markPaid(id, paymentID: paymentID, now: now, on: db) else {
                let current = try await self.order(id, on: db)
                if current.paymentID == paymentID { return current }
                if current.paymentID != nil { throw OrdersError.alreadyPaid }
                throw OrdersError.invalidOrderTransition(from: current.status, to: .paid)
            }
            try await record(
                OrderPaid(orderID: id, number: order.number, paymentID: paymentID, amount: order.totals.grandTotal),
                order: id, visibleToCustomer: true, by: actor, now: now, on: db)
            return try await self.order(id, on: db)
        }
    }

    /// Cancels an order that has not shipped anything: from awaiting_approval, placed or paid. Open
    /// fulfilments are cancelled with it; an exchange order gives its return the value it took. Appends
    /// `order.cancelled`.
    ///
    /// Returns what the flow must do next: release the stock hold and, for a paid order, void or refund
    /// the payment.
    @discardableResult
    public func cancel(
        _ id: OrderID, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> CancelledOrder {
        let reason = Self.trimmed(reason)
        var validator = Validator()
        validator.requireText(reason, at: "/reason", maximum: 1000)
        try validator.finish()
        let now = self.now
        return try await Savepoint.atomically("orders_cancel", on: db) {
            guard let order = try await OrdersStore.lockedOrder(id, on: db) else { throw OrdersError.orderNotFound }
            _ = try OrderStateMachine.move(from: order.status, to: .cancelled)
            guard order.lines.allSatisfy({ $0.shippedQuantity == 0 }),
                try await OrdersStore.cancelUnits(of: id, now: now, on: db) == order.lines.count
            else { throw OrdersError.alreadyShipped }
            let cancelled = try await move(order, to: .cancelled, reason: reason, now: now, on: db)
            if let returnID = order.exchangeForReturnID {
                // An exchange that will not be sent gives the return its value back, to be refunded instead.
                try await OrdersStore.releaseExchangeCredit(of: returnID, exchangeOrder: id, now: now, on: db)
            }
            try await record(
                OrderCancelled(
                    orderID: id, number: order.number, reason: reason, previousStatus: order.status,
                    stockReservationID: order.stockReservationID),
                order: id, message: reason, visibleToCustomer: true, by: actor, now: now, on: db)
            try await audit.record(
                "order.cancelled", by: actor, target: ("order", id.rawValue),
                detail: ["reason": reason, "from": order.status.rawValue], on: db)
            var settlement = PaymentSettlement.nothingToSettle
            if let paymentID = order.paymentID {
                let paid = try order.totals.grandTotal.subtracting(order.refundedTotal)
                settlement = .voidOrRefund(paymentID: paymentID, amount: paid)
            }
            OrdersMetrics.cancelled()
            return CancelledOrder(order: cancelled, stockReservationID: order.stockReservationID, payment: settlement)
        }
    }

    /// Moves `order` to `status` if the state machine allows it and nobody moved it meanwhile.
    func move(
        _ order: Order, to status: OrderStatus, reason: String? = nil, now: Date, on db: any SQLDatabase
    ) async throws -> Order {
        _ = try OrderStateMachine.move(from: order.status, to: status)
        guard
            try await OrdersStore.move(
                order.id, from: order.status, to: status, now: now, cancellationReason: reason, on: db)
        else {
            let current = try await self.order(order.id, on: db)
            throw OrdersError.invalidOrderTransition(from: current.status, to: status)
        }
        return try await self.order(order.id, on: db)
    }
}
