import Flows
import Foundation
import Inventory
import Orders
import Payments
import TorvCore

/// One order as the back office sees it: what was bought and paid, where it goes, who fulfils it, what
/// came back, everything that happened, and the forms staff may use on it.
///
/// Field names are unique across the page's nested views: Mustache looks a name it does not find (or
/// finds nil) up in the enclosing views, so a shared name would show the wrong value.
struct ConsoleOrderView {
    let orderID: String
    let orderNumber: String
    let orderStatusText: String
    let orderStatusCode: String
    let placedText: String
    let customerEmail: String
    let customerAccount: String?
    let channelText: String
    let cancellationText: String?
    let noticeText: String?
    /// The pick-up code, on the one page that shows it.
    let pickupCodeText: String?

    let lineRows: [LineRow]
    let subtotalText: String
    let discountText: String?
    let shippingText: String
    let taxText: String
    let grandTotalText: String
    let giftCardText: String?
    let refundedTotalText: String

    let paymentRows: [PaymentRow]
    let hasPayments: Bool
    let deliveryText: String
    let isPickupOrder: Bool
    let shipToLines: [String]
    let billToLines: [String]
    let hasShipTo: Bool
    let hasBillTo: Bool
    let subOrderRows: [SubOrderRow]
    let hasSubOrders: Bool

    let fulfilmentCards: [ConsoleFulfilmentCard]
    let hasFulfilments: Bool
    let returnCards: [ConsoleReturnCard]
    let hasReturns: Bool
    let timelineEntries: [ConsoleTimelineEntry]

    let fulfilForm: ConsoleFulfilForm?
    let cancelForm: ConsoleCancelForm?
    let refundForm: ConsoleRefundForm?
    let noteForm: ConsoleNoteForm?

    struct LineRow {
        let lineSKU: String
        let lineTitle: String
        let lineVariant: String
        let lineSeller: String?
        let lineQuantity: Int
        let lineUnfulfilled: Int
        let lineShipped: Int
        let lineCancelled: Int
        let lineReturned: Int
        let lineTotalText: String
    }

    struct PaymentRow {
        let paymentMethodName: String
        let paymentStatusText: String
        let paymentStatusCode: String
        let paymentAmountText: String
        let paymentCapturedText: String
        let paymentRefundedText: String
        let paymentRefundableText: String
    }

    struct SubOrderRow {
        let subOrderNumber: String
        let subOrderSeller: String
        let subOrderStatusText: String
        let subOrderStatusCode: String
        let subOrderItems: [String]
        let subOrderGoodsText: String
        let subOrderShippingText: String
    }

    init(
        _ details: OrderDetails, settings: ShopSettings, allowed: Set<ConsoleOrderAction>,
        staffNames: [String: String] = [:], notice: ConsoleOrderNotice? = nil, failure: ConsoleOrderFormFailure? = nil,
        pickupCode: String? = nil, restockLocations: [StockLocation] = []
    ) {
        let order = details.order
        orderID = order.id.rawValue
        orderNumber = order.number
        orderStatusText = ConsoleOrderWords.status(order.status)
        orderStatusCode = order.status.rawValue
        placedText = settings.dateTime(order.placedAt)
        customerEmail = order.email
        customerAccount = order.customerID
        channelText = order.channel
        cancellationText = order.cancellationReason
        noticeText = notice?.message
        pickupCodeText = pickupCode

        lineRows = order.lines.map {
            LineRow(
                lineSKU: $0.sku, lineTitle: $0.productTitle, lineVariant: $0.variantTitle, lineSeller: $0.sellerID,
                lineQuantity: $0.quantity, lineUnfulfilled: $0.unfulfilledQuantity, lineShipped: $0.shippedQuantity,
                lineCancelled: $0.cancelledQuantity, lineReturned: $0.returnedQuantity,
                lineTotalText: settings.money($0.total))
        }
        subtotalText = settings.money(order.totals.subtotal)
        discountText = order.totals.discount.isPositive ? settings.money(order.totals.discount) : nil
        shippingText = settings.money(order.totals.shipping)
        taxText = settings.money(order.totals.tax)
        grandTotalText = settings.money(order.totals.grandTotal)
        giftCardText = order.giftCardTotal.isPositive ? settings.money(order.giftCardTotal) : nil
        refundedTotalText = settings.money(order.refundedTotal)

        paymentRows = details.payments.map {
            PaymentRow(
                paymentMethodName: ConsoleOrderWords.paymentMethod($0.method),
                paymentStatusText: ConsoleOrderWords.payment($0.status), paymentStatusCode: $0.status.rawValue,
                paymentAmountText: settings.money($0.amount), paymentCapturedText: settings.money($0.capturedAmount),
                paymentRefundedText: settings.money($0.refundedAmount),
                paymentRefundableText: settings.money($0.refundableAmount))
        }
        hasPayments = !details.payments.isEmpty
        switch order.delivery {
        case .shipping(_, let name, let carrier, _, _, _):
            deliveryText = carrier.map { "\(name) (\($0))" } ?? name
            isPickupOrder = false
        case .pickup(_, let name):
            deliveryText = "Pick-up at \(name)"
            isPickupOrder = true
        }
        shipToLines = order.shippingAddress.map(Self.lines) ?? []
        billToLines = order.billingAddress.map(Self.lines) ?? []
        hasShipTo = !shipToLines.isEmpty
        hasBillTo = !billToLines.isEmpty
        subOrderRows = details.subOrders.map { part in
            SubOrderRow(
                subOrderNumber: part.number, subOrderSeller: part.sellerID,
                subOrderStatusText: ConsoleOrderWords.subOrder(part.status), subOrderStatusCode: part.status.rawValue,
                subOrderItems: part.lineIDs.compactMap { order.line($0) }.map { "\($0.sku) × \($0.quantity)" },
                subOrderGoodsText: settings.money(part.goods), subOrderShippingText: settings.money(part.shipping))
        }
        hasSubOrders = !details.subOrders.isEmpty

        let mayStep = allowed.contains(.fulfilmentStep)
        fulfilmentCards = details.fulfilments.map {
            ConsoleFulfilmentCard($0, settings: settings, mayStep: mayStep, failure: failure)
        }
        hasFulfilments = !details.fulfilments.isEmpty
        let mayReturn = allowed.contains(.returnStep)
        returnCards = details.returns.map {
            ConsoleReturnCard(
                $0, order: order, settings: settings, mayStep: mayReturn, restockLocations: restockLocations,
                failure: failure)
        }
        hasReturns = !details.returns.isEmpty
        timelineEntries = ConsoleTimelineEntry.entries(details, settings: settings, staffNames: staffNames)

        fulfilForm = allowed.contains(.fulfil) ? ConsoleFulfilForm(order, failure: failure) : nil
        cancelForm = allowed.contains(.cancel) ? ConsoleCancelForm(order, failure: failure) : nil
        refundForm = allowed.contains(.refund) ? ConsoleRefundForm(details, settings: settings, failure: failure) : nil
        noteForm = allowed.contains(.note) ? ConsoleNoteForm(failure: failure) : nil
    }

    static func lines(_ address: OrderAddress) -> [String] {
        [
            address.name, address.company ?? "", address.line1, address.line2 ?? "",
            "\(address.postalCode) \(address.city)", address.region ?? "", address.countryCode, address.phone ?? "",
        ]
        .filter { !$0.isEmpty }
    }
}
