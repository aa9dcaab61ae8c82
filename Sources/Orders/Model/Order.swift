public import Foundation
public import TorvCore

/// One line of a placed order: the checkout's snapshot plus how many units have since been fulfilled,
/// cancelled, shipped and returned.
public struct OrderLine: Sendable, Hashable, Codable, Identifiable {
    public var id: OrderLineID
    /// Position in the order, from 0.
    public var position: Int
    public var variantID: String
    public var productID: String
    public var sku: String
    public var productTitle: String
    public var variantTitle: String
    /// The marketplace seller who sells and ships the line, and their offer; `nil` for the shop's goods.
    public var sellerID: String? = nil
    public var offerID: String? = nil
    public var quantity: Int
    public var unitPrice: Money
    public var subtotal: Money
    public var discount: Money
    public var adjustments: [LineAdjustment]
    public var taxRate: Int
    public var tax: Money
    public var total: Money
    /// Units in fulfilments that were not cancelled.
    public var fulfilledQuantity: Int
    /// Units cancelled before they shipped.
    public var cancelledQuantity: Int
    /// Units that left the building (shipped or collected).
    public var shippedQuantity: Int
    /// Units in returns that were not rejected.
    public var returnRequestedQuantity: Int
    /// Units in approved returns; each is numbered, which fixes its share of the line total.
    public var returnApprovedQuantity: Int
    /// Units back in the building.
    public var returnedQuantity: Int

    /// Units still to put into a fulfilment.
    public var unfulfilledQuantity: Int { quantity - fulfilledQuantity - cancelledQuantity }
    /// Units that shipped and may still be returned.
    public var returnableQuantity: Int { shippedQuantity - returnRequestedQuantity }
}

/// A placed order with its snapshotted lines.
public struct Order: Sendable, Hashable, Codable, Identifiable {
    public var id: OrderID
    /// The human-friendly number, e.g. `T-100023`.
    public var number: String
    public var checkoutKey: String
    public var status: OrderStatus
    public var cartID: String?
    public var customerID: String?
    public var companyID: String?
    public var email: String
    public var channel: String
    public var currency: Currency
    public var lines: [OrderLine]
    public var shippingAddress: OrderAddress?
    public var billingAddress: OrderAddress?
    public var delivery: Delivery
    public var totals: OrderTotals
    public var stockReservationID: String?
    public var paymentMethod: String
    /// The payment that paid the order, once it is paid.
    public var paymentID: String?
    /// What the order's payment has refunded so far — returns, a cancellation, goodwill; never more than the
    /// grand total.
    public var refundedTotal: Money
    /// What gift cards and store credit paid at checkout; the payment covers `grandTotal − giftCardTotal`.
    public var giftCardTotal: Money
    public var exchangeForReturnID: ReturnID?
    public var placedAt: Date
    public var updatedAt: Date
    public var cancelledAt: Date?
    public var cancellationReason: String?

    public func line(_ id: OrderLineID) -> OrderLine? {
        lines.first { $0.id == id }
    }
}

/// The answer to ``Orders/place(_:on:)``: the order, and whether this call created it.
public struct PlacedOrder: Sendable, Hashable {
    public var order: Order
    /// False when the checkout key had placed this order before (a retried checkout).
    public var isNew: Bool
}

/// What a flow must do after a cancellation, besides telling the customer.
public struct CancelledOrder: Sendable, Hashable {
    public var order: Order
    /// The Inventory hold to release, if the order had one.
    public var stockReservationID: String?
    public var payment: PaymentSettlement
}

/// Whether money must go back after a cancellation.
public enum PaymentSettlement: Sendable, Hashable {
    /// The order was never paid.
    case nothingToSettle
    /// Void the authorisation, or refund `amount` if it was captured.
    case voidOrRefund(paymentID: String, amount: Money)
}
