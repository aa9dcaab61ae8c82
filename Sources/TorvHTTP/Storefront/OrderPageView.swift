import Flows
import Foundation
import Orders
import Payments
import TorvCore

/// A placed order as its buyer sees it: what they bought, what they paid, where it goes, and what
/// happened to it so far.
struct OrderPageView {
    let number: String
    let statusText: String
    let placedText: String
    let awaitingPayment: Bool
    let lines: [OrderLineView]
    let subtotalText: String
    let discountText: String?
    let shippingText: String
    let taxText: String
    let totalText: String
    let deliveryText: String
    let shipTo: [String]
    let events: [OrderEventView]
    let returns: [ReturnView]
    /// Lines a signed-in owner may still send back; empty for guests (returns need an account).
    let returnable: [ReturnableLine]

    init(_ details: OrderDetails, settings: ShopSettings, canReturn: Bool = false) {
        let order = details.order
        number = order.number
        statusText = Self.status(order.status)
        placedText = settings.dateTime(order.placedAt)
        awaitingPayment =
            order.status == .placed
            && details.payments.contains { $0.status == .requiresAction || $0.status == .pending }
        lines = order.lines.map {
            OrderLineView(
                orderLineTitle: $0.productTitle, variantTitle: $0.variantTitle, orderedQuantity: $0.quantity,
                orderLineTotal: settings.money($0.total), soldBySeller: $0.sellerID != nil)
        }
        subtotalText = settings.money(order.totals.subtotal)
        discountText = order.totals.discount.isPositive ? settings.money(order.totals.discount) : nil
        shippingText = settings.money(order.totals.shipping)
        taxText = settings.money(order.totals.tax)
        totalText = settings.money(order.totals.grandTotal)
        deliveryText =
            switch order.delivery {
            case .shipping(_, let name, _, _, _, _): name
            case .pickup(_, let name): "Collect at \(name)"
            }
        shipTo =
            order.shippingAddress.map { address in
                [
                    address.name, address.line1, address.line2 ?? "", "\(address.postalCode) \(address.city)",
                    address.countryCode,
                ]
                .filter { !$0.isEmpty }
            } ?? []
        returns = details.returns.map { item in
            ReturnView(
                returnNumber: item.number, returnStatus: item.status.rawValue.capitalized,
                returnLines: item.lines.map { line in
                    let title = order.lines.first { $0.id == line.lineID }?.productTitle ?? line.sku
                    return "\(line.quantity) × \(title): \(line.reason)"
                })
        }
        returnable =
            canReturn
            ? order.lines.filter { $0.returnableQuantity > 0 }.map {
                ReturnableLine(
                    returnLineID: $0.id.rawValue, returnTitle: "\($0.productTitle) (\($0.variantTitle))",
                    returnQuantities: Array(0...$0.returnableQuantity))
            } : []
        events = details.timeline.reversed().map {
            OrderEventView(
                eventText: $0.message ?? Self.eventName($0.kind),
                eventTime: settings.dateTime($0.occurredAt))
        }
    }

    /// `order.partially_fulfilled` → "Order partially fulfilled".
    static func eventName(_ kind: String) -> String {
        let words = kind.replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func status(_ status: OrderStatus) -> String {
        switch status {
        case .awaitingApproval: "Waiting for your company's approval"
        case .placed: "Placed, waiting for payment"
        case .paid: "Paid, being prepared"
        case .partiallyFulfilled: "Partly sent"
        case .fulfilled: "Sent"
        case .delivered: "Delivered"
        case .cancelled: "Cancelled"
        case .partiallyReturned: "Partly returned"
        case .returned: "Returned"
        }
    }
}

struct OrderLineView {
    let orderLineTitle: String
    let variantTitle: String
    let orderedQuantity: Int
    let orderLineTotal: String
    let soldBySeller: Bool
}

struct ReturnView {
    let returnNumber: String
    let returnStatus: String
    let returnLines: [String]
}

struct ReturnableLine {
    let returnLineID: String
    let returnTitle: String
    let returnQuantities: [Int]
}

struct OrderEventView {
    let eventText: String
    let eventTime: String
}

struct OrderLookupView {
    let lookupNumber: String
    let lookupEmail: String
    let notFound: Bool
}
