import Customers
import Foundation
import Inventory
public import Orders
public import Payments
import Persistence
import SQLKit
public import TorvCore

/// B2B approval: a buyer's order above their limit waits (`awaiting_approval`) with its payment
/// authorised but not captured and its stock held, until an approver of the same company approves it
/// (captured, paid) or rejects it (cancelled, stock released, authorisation voided).
public enum OrderApprovals {
    /// Orders of the approver's company that wait for approval, oldest first.
    public static func queue(for approver: String, on platform: Platform) async throws -> [Order] {
        try await platform.database.read { db in
            guard let membership = try await platform.customers.membership(of: approver, on: db),
                membership.role.approves
            else { return [] }
            return try await platform.orders.orders(
                matching: OrderQuery(status: .awaitingApproval, companyID: membership.companyID.rawValue), limit: 200,
                on: db
            ).reversed()
        }
    }

    public static func approve(_ id: OrderID, by approver: String, on platform: Platform) async throws -> Order {
        let actor = AuditActor(kind: "customer", id: approver)
        let payment = try await platform.database.inTransaction { db -> Payment? in
            try await authorise(id, approver: approver, on: platform, db: db)
            _ = try await platform.orders.approve(id, by: actor, on: db)
            let payment = try await platform.payments.payments(forReference: id.rawValue, on: db).last
            if let payment { _ = try await OrderPayments.settle(payment, on: platform, db: db) }
            return payment
        }
        if let payment, payment.status == .authorized {
            return try await OrderPayments.capture(payment, on: platform).order
        }
        return try await platform.database.read { db in try await platform.orders.order(id, on: db) }
    }

    public static func reject(
        _ id: OrderID, reason: String, by approver: String, on platform: Platform
    ) async throws -> Order {
        let actor = AuditActor(kind: "customer", id: approver)
        let (order, attempt) = try await platform.database.inTransaction { db -> (Order, PaymentAttempt?) in
            try await authorise(id, approver: approver, on: platform, db: db)
            let rejected = try await platform.orders.reject(id, reason: reason, by: actor, on: db)
            if let hold = rejected.stockReservationID.flatMap(StockReservationID.init) {
                _ = try await platform.inventory.release(hold, on: db)
            }
            var attempt: PaymentAttempt?
            if let payment = try await platform.payments.payments(forReference: id.rawValue, on: db).last,
                payment.status == .authorized
            {
                attempt = try await platform.payments.startVoid(payment.id, by: actor, on: db)
            }
            return (rejected.order, attempt)
        }
        if let attempt { try await AfterSale.finish(attempt, on: platform) }
        return order
    }

    /// Only an approver or admin of the buyer's company may decide; to anyone else the order does not
    /// exist.
    static func authorise(_ id: OrderID, approver: String, on platform: Platform, db: any SQLDatabase) async throws {
        let order = try await platform.orders.order(id, on: db)
        guard let buyer = order.customerID,
            try await platform.customers.canApprove(approver, orderOfBuyer: buyer, on: db)
        else { throw OrdersError.orderNotFound }
    }
}
