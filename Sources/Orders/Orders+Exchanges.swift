import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Statuses in which a return's value is fixed (approved) and not yet paid out: it may pay for an exchange.
    public static let exchangeable: Set<ReturnStatus> = [.approved, .received, .inspected]

    /// Pays an exchange order with the value of the return it replaces goods for, once: the exchange order
    /// (placed with ``OrderDraft/exchangeForReturnID``) becomes paid, and its grand total is set against the
    /// return, so the return's refund pays out only what is left (``refundDue(for:includeShipping:on:)``).
    ///
    /// The replacement may cost the return's value or less (`exchange_exceeds_return_value` otherwise):
    /// nothing is ever charged for the difference. The return must be approved and not yet refunded
    /// (`return_not_exchangeable`).
    @discardableResult
    public func creditExchange(
        _ returnID: ReturnID, to exchangeOrder: OrderID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> OrderReturn {
        let now = self.now
        return try await Savepoint.atomically("orders_credit_exchange", on: db) {
            let found = try await orderReturn(returnID, on: db)
            // The original order's lock serialises this with the return's own steps (refund, receipt).
            guard try await OrdersStore.lockedOrder(found.orderID, on: db) != nil else {
                throw OrdersError.orderNotFound
            }
            let current = try await orderReturn(returnID, on: db)
            guard Self.exchangeable.contains(current.status) else {
                throw OrdersError.returnNotExchangeable(status: current.status)
            }
            guard current.exchangeOrderID == exchangeOrder, current.exchangeCredit == nil else {
                throw OrdersError.exchangeAlreadyLinked
            }
            let value = try await refundDue(for: returnID, includeShipping: false, on: db)
            let replacement = try await order(exchangeOrder, on: db)
            let price = replacement.totals.grandTotal
            guard price.currency == value.currency, try price.compare(to: value) != .greater else {
                throw OrdersError.exchangeExceedsReturnValue(value: value)
            }
            if price.isPositive {
                guard
                    try await OrdersStore.setExchangeCredit(
                        price, of: returnID, exchangeOrder: exchangeOrder, now: now, on: db)
                else { throw OrdersError.exchangeAlreadyLinked }
            }
            _ = try await markPaid(exchangeOrder, paymentID: "exchange:\(returnID.rawValue)", by: actor, on: db)
            _ = try await addNote(
                current.orderID,
                text: "Exchange \(replacement.number) for return \(current.number), paid with \(price) of its value.",
                visibleToCustomer: true, by: actor, on: db)
            try await audit.record(
                "return.exchanged", by: actor, target: ("return", returnID.rawValue),
                detail: ["order_id": exchangeOrder.rawValue, "credit": "\(price.amount)"], on: db)
            return try await orderReturn(returnID, on: db)
        }
    }
}
