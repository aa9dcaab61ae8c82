public import Foundation
public import TorvCore

/// Why goods go back to the supplier.
public enum SupplierReturnReason: String, Sendable, Hashable, Codable, CaseIterable {
    case damaged
    case defective
    case wrongItem = "wrong_item"
    case surplus
    case other
}

/// Goods to send back from one receipt; they leave from the receipt's location at the receipt's cost.
public struct SupplierReturnRequest: Sendable, Hashable {
    public var receiptID: GoodsReceiptID
    public var lines: [SupplierReturnLineRequest]
    public var returnedAt: Date
    public var note: String?

    public init(receiptID: GoodsReceiptID, lines: [SupplierReturnLineRequest], returnedAt: Date, note: String? = nil) {
        self.receiptID = receiptID
        self.lines = lines
        self.returnedAt = returnedAt
        self.note = note
    }
}

public struct SupplierReturnLineRequest: Sendable, Hashable {
    public var sku: String
    public var quantity: Int
    public var reason: SupplierReturnReason

    public init(sku: String, quantity: Int, reason: SupplierReturnReason) {
        self.sku = sku
        self.quantity = quantity
        self.reason = reason
    }
}

/// A recorded return to the supplier. Append-only, like receipts.
public struct SupplierReturn: Sendable, Hashable, Codable {
    public let id: SupplierReturnID
    public let orderID: PurchaseOrderID
    public let receiptID: GoodsReceiptID
    public let locationID: String
    public let returnedAt: Date
    public let note: String?
    public let lines: [SupplierReturnLine]
}

public struct SupplierReturnLine: Sendable, Hashable, Codable {
    public let orderLineID: PurchaseOrderLineID
    public let sku: String
    public let quantity: Int
    /// The receipt's cost per unit: the value that leaves stock.
    public let unitCost: Money
    public let reason: SupplierReturnReason
}
