public import Foundation
public import TorvCore

/// Where a seller's part of an order is. `open` until the seller ships all of it, `delivered` once the
/// buyer has every unit (the seller's sale then counts toward their balance), `cancelled` if the part
/// never shipped.
public enum SubOrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case shipped
    case delivered
    case cancelled
}

/// One marketplace seller's part of an order: the lines they fulfil, the shipping they charge, the
/// platform's fee, and what they are owed for it. The buyer sees one order; each seller sees only their
/// sub-order. Amounts are fixed when the order is placed, from the platform's commission rules at that
/// moment (never from anything the client sent).
public struct SubOrder: Sendable, Hashable, Codable, Identifiable {
    public var id: SubOrderID
    public var orderID: OrderID
    /// The order number with the seller's position, e.g. `T-100023-2`.
    public var number: String
    public var sellerID: String
    public var status: SubOrderStatus
    public var lineIDs: [OrderLineID]
    /// What the buyer paid for the seller's lines, tax included.
    public var goods: Money
    /// What the buyer paid for the seller's shipping, tax included.
    public var shipping: Money
    /// The platform's commission on the lines.
    public var fee: Money
    /// goods + shipping − fee.
    public var sellerNet: Money
    public var createdAt: Date
    public var updatedAt: Date
    public var deliveredAt: Date?
    /// When the seller handed it to the carrier: the scorecard's on-time measure. Nil before shipping, and for
    /// sub-orders shipped before this was recorded.
    public var shippedAt: Date?
}

/// A sub-order as checkout planned it; lines are named by their position in the order draft.
public struct SubOrderDraft: Sendable, Hashable, Codable {
    public var sellerID: String
    public var linePositions: [Int]
    public var goods: Money
    /// What the buyer pays for the seller's shipping, and the tax in it.
    public var shipping: Money
    public var shippingTax: Money
    public var fee: Money
    public var sellerNet: Money

    public init(
        sellerID: String, linePositions: [Int], goods: Money, shipping: Money, shippingTax: Money, fee: Money,
        sellerNet: Money
    ) {
        self.shippingTax = shippingTax
        self.sellerID = sellerID
        self.linePositions = linePositions
        self.goods = goods
        self.shipping = shipping
        self.fee = fee
        self.sellerNet = sellerNet
    }
}
