import Flows
import Foundation
import Orders
import Payments
import TorvCore

/// Puts the shop's own unfulfilled units into a fulfilment; marketplace sellers fulfil their lines
/// themselves, so those are not offered. Every remaining unit is filled in: the usual case is "all of it".
struct ConsoleFulfilForm {
    let fulfilKey: String
    let fulfilLines: [Line]
    let fulfilIsPickup: Bool
    let fulfilError: String?

    struct Line {
        let fulfilLineLabel: String
        let fulfilRemaining: Int
        let fulfilInputName: String
        let fulfilInputID: String
        let fulfilValue: String
    }

    static func fieldName(_ line: OrderLineID) -> String { "quantity_\(line.rawValue)" }

    /// Nil when there is nothing left for the shop to fulfil.
    init?(_ order: Order, failure: ConsoleOrderFormFailure?) {
        let open = order.lines.filter { $0.sellerID == nil && $0.unfulfilledQuantity > 0 }
        guard OrderStateMachine.fulfillable.contains(order.status), !open.isEmpty else { return nil }
        fulfilKey = FormGuard.randomToken()
        fulfilLines = open.map { line in
            Line(
                fulfilLineLabel: "\(line.sku) \(line.productTitle) \(line.variantTitle)",
                fulfilRemaining: line.unfulfilledQuantity, fulfilInputName: Self.fieldName(line.id),
                fulfilInputID: "fulfil-\(line.id.rawValue)",
                fulfilValue: failure?.typed(Self.fieldName(line.id), in: .fulfil) ?? String(line.unfulfilledQuantity))
        }
        fulfilIsPickup = order.delivery.isPickup
        fulfilError = failure?.message(for: .fulfil)
    }
}

/// Cancels an order before anything shipped.
struct ConsoleCancelForm {
    let cancelKey: String
    let cancelReasonValue: String
    let cancelError: String?

    init?(_ order: Order, failure: ConsoleOrderFormFailure?) {
        guard OrderStateMachine.cancellable.contains(order.status), order.lines.allSatisfy({ $0.shippedQuantity == 0 })
        else { return nil }
        cancelKey = FormGuard.randomToken()
        cancelReasonValue = failure?.typed("reason", in: .cancel) ?? ""
        cancelError = failure?.message(for: .cancel)
    }
}

/// Refunds part of what the order was paid: a goodwill gesture or a price adjustment.
struct ConsoleRefundForm {
    let refundKey: String
    let refundCurrency: String
    let refundableText: String
    let refundAmountValue: String
    let refundReasonValue: String
    let refundError: String?

    init?(_ details: OrderDetails, settings: ShopSettings, failure: ConsoleOrderFormFailure?) {
        let order = details.order
        let refundable = details.payments.reduce(Int64(0)) { $0 + max($1.refundableAmount.amount, 0) }
        guard order.status != .awaitingApproval, refundable > 0 || order.giftCardTotal.isPositive,
            order.refundedTotal.amount < order.totals.grandTotal.amount
        else { return nil }
        refundKey = FormGuard.randomToken()
        refundCurrency = order.currency.code
        refundableText = settings.money(Money(minorUnits: refundable, currency: order.currency))
        refundAmountValue = failure?.typed("amount", in: .refund) ?? ""
        refundReasonValue = failure?.typed("reason", in: .refund) ?? ""
        refundError = failure?.message(for: .refund)
    }
}

/// A note on the order's timeline, for staff only unless ticked.
struct ConsoleNoteForm {
    let noteKey: String
    let noteTextValue: String
    let noteError: String?

    init(failure: ConsoleOrderFormFailure?) {
        noteKey = FormGuard.randomToken()
        noteTextValue = failure?.typed("text", in: .note) ?? ""
        noteError = failure?.message(for: .note)
    }
}
