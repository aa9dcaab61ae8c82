import Flows
import Foundation
import Hummingbird
import Orders
import Persistence
import TorvCore

/// Fulfilment and return steps from the order page, as `progressFulfilment` and `progressReturn` take
/// them. A fulfilment or return of another order is not found here: the address names the order too.
extension ConsolePages {
    func stepFulfilment(
        _ orderID: OrderID, fulfilment text: String, step text2: String, form: FormData, visit: StaffVisit,
        request: Request
    ) async throws -> FormReplay.Outcome {
        let id = try pathID(text, as: FulfilmentID.self, notFound: OrdersError.fulfilmentNotFound)
        guard let step = ConsoleFulfilmentStep(rawValue: text2) else { throw OrdersError.fulfilmentNotFound }
        let orders = platform.orders
        let fulfilment = try await platform.database.read { db in try await orders.fulfilment(id, on: db) }
        guard fulfilment.orderID == orderID else { throw OrdersError.fulfilmentNotFound }
        let actor = visit.actor
        let notice: ConsoleOrderNotice
        switch step {
        case .collect:
            // Not in a transaction of ours: a wrong code must stay counted although the call fails.
            try await orders.collect(id, pickupCode: form["pickup_code"] ?? "", by: actor, in: platform.database)
            notice = .collected
        case .readyForPickup:
            let ready = try await platform.database.inTransaction { db in
                try await orders.readyForPickup(id, by: actor, on: db)
            }
            // Only the code's hash is stored, so this page is the one chance to read it; a repeated post
            // gets the order page without it.
            return .shownOnce(
                try await renderOrder(
                    try await OrderDetails.load(orderID, on: platform), pickupCode: ready.code, visit: visit,
                    request: request),
                replay: ConsoleOrderNotice.pickupCodeIssued.location(of: orderID.rawValue))
        case .pick, .pack, .ship, .deliver:
            let carrier = form["carrier"] ?? ""
            let tracking = form["tracking_number"] ?? ""
            _ = try await platform.database.inTransaction { db -> Fulfilment in
                switch step {
                case .pick: return try await orders.markPicked(id, by: actor, on: db)
                case .pack: return try await orders.markPacked(id, by: actor, on: db)
                case .ship:
                    return try await orders.ship(id, carrier: carrier, trackingNumber: tracking, by: actor, on: db)
                default: return try await orders.markDelivered(id, by: actor, on: db)
                }
            }
            notice =
                switch step {
                case .pick: .picked
                case .pack: .packed
                case .ship: .shipped
                default: .delivered
                }
        }
        return .redirect(notice.location(of: orderID.rawValue))
    }

    func stepReturn(
        _ orderID: OrderID, orderReturn text: String, step text2: String, form: FormData, visit: StaffVisit
    ) async throws -> FormReplay.Outcome {
        let id = try pathID(text, as: ReturnID.self, notFound: OrdersError.returnNotFound)
        guard let step = ConsoleReturnStep(rawValue: text2) else { throw OrdersError.returnNotFound }
        let orders = platform.orders
        let current = try await platform.database.read { db in try await orders.orderReturn(id, on: db) }
        guard current.orderID == orderID else { throw OrdersError.returnNotFound }
        let actor = visit.actor
        let notice: ConsoleOrderNotice
        switch step {
        case .approve:
            _ = try await platform.database.inTransaction { db in try await orders.approveReturn(id, by: actor, on: db)
            }
            notice = .returnApproved
        case .reject:
            let reason = form["reason"] ?? ""
            _ = try await platform.database.inTransaction { db in
                try await orders.rejectReturn(id, reason: reason, by: actor, on: db)
            }
            notice = .returnRejected
        case .receive:
            _ = try await platform.database.inTransaction { db in try await orders.receiveReturn(id, by: actor, on: db)
            }
            notice = .returnReceived
        case .refund:
            let refunded = try await AfterSale.refundReturn(
                id, includeShipping: form["include_shipping"] == "on", by: actor, on: platform)
            notice = refunded.status == .refunded ? .returnRefunded : .refundPending
        }
        return .redirect(notice.location(of: orderID.rawValue))
    }
}
