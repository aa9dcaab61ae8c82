import Catalog
import Flows
import Foundation
import Hummingbird
import Inventory
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
        case .inspect:
            var outcomes: [OrderLineID: InspectionOutcome] = [:]
            for line in current.lines {
                let typed = form[ConsoleInspectLine.fieldName(line.lineID)] ?? ""
                outcomes[line.lineID] = InspectionOutcome(rawValue: typed)
            }
            let location = (form["location_id"]).flatMap(StockLocationID.init)
            _ = try await AfterSale.inspect(id, outcomes: outcomes, restockAt: location, by: actor, on: platform)
            notice = .returnInspected
        case .exchange:
            let lines = try await exchangeLines(form)
            _ = try await Exchanges.exchange(id, for: lines, by: actor, on: platform)
            notice = .returnExchanged
        }
        return .redirect(notice.location(of: orderID.rawValue))
    }

    /// The replacement items typed on a return's exchange form: rows of SKU and quantity, a row with no
    /// SKU or a quantity of 0 left out. Every row's problem is reported at once.
    private func exchangeLines(_ form: FormData) async throws -> [ExchangeLine] {
        let catalog = platform.catalog
        var lines: [ExchangeLine] = []
        var problems: [FieldError] = []
        for row in 0..<ConsoleExchangeRow.maximumRows {
            let sku = (form["exchange_sku_\(row)"] ?? "").trimmingCharacters(in: .whitespaces)
            let typed = (form["exchange_quantity_\(row)"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !sku.isEmpty, typed != "0" else { continue }
            guard let quantity = Int(typed), (1...999).contains(quantity) else {
                problems.append(
                    FieldError(
                        pointer: "", message: "The quantity of \(sku) must be a whole number from 1 to 999.",
                        code: "invalid_quantity"))
                continue
            }
            do {
                let variant = try await platform.database.read { db in try await catalog.variant(sku: sku, on: db) }
                lines.append(ExchangeLine(variantID: variant.id.rawValue, quantity: quantity))
            } catch is CatalogError {
                problems.append(FieldError(pointer: "", message: "No item has the SKU \(sku).", code: "unknown_sku"))
            }
        }
        if problems.isEmpty && lines.isEmpty {
            problems.append(
                FieldError(
                    pointer: "", message: "Name at least one replacement item and its quantity.", code: "required"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        return lines
    }
}
