public import Foundation
public import TorvCore

/// Which order line a receipt or return line is about: its ID, or its SKU (unique on one order).
public enum OrderLineReference: Sendable, Hashable {
    case line(PurchaseOrderLineID)
    case sku(String)
}

/// A delivery to book against a purchase order.
public struct GoodsReceiptRequest: Sendable, Hashable {
    public var lines: [GoodsReceiptLineRequest]
    /// Where the goods were put; usually the order's destination.
    public var locationID: String
    public var receivedAt: Date
    public var note: String?

    public init(lines: [GoodsReceiptLineRequest], locationID: String, receivedAt: Date, note: String? = nil) {
        self.lines = lines
        self.locationID = locationID
        self.receivedAt = receivedAt
        self.note = note
    }
}

public struct GoodsReceiptLineRequest: Sendable, Hashable {
    public var line: OrderLineReference
    public var quantity: Int
    /// The cost the goods actually came at, when it differs from the order (else the order's cost).
    public var actualUnitCost: Money?

    public init(_ line: OrderLineReference, quantity: Int, actualUnitCost: Money? = nil) {
        self.line = line
        self.quantity = quantity
        self.actualUnitCost = actualUnitCost
    }
}

/// A booked delivery (a goods received note). Receipts never change: a mistake is corrected by a
/// return to the supplier.
public struct GoodsReceipt: Sendable, Hashable, Codable {
    public let id: GoodsReceiptID
    public let orderID: PurchaseOrderID
    public let locationID: String
    public let receivedAt: Date
    public let note: String?
    public let lines: [GoodsReceiptLine]
}

public struct GoodsReceiptLine: Sendable, Hashable, Codable {
    public let orderLineID: PurchaseOrderLineID
    public let sku: String
    public let quantity: Int
    public let unitCost: Money
}
