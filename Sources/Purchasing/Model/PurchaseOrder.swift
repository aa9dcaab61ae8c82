public import Foundation
public import TorvCore

/// An order placed with one supplier, in the supplier's currency, for delivery to one stock location.
public struct PurchaseOrder: Sendable, Hashable, Codable {
    public let id: PurchaseOrderID
    /// From a gapless series: `PO-000001`.
    public let number: String
    public let supplierID: SupplierID
    public let currency: Currency
    /// Inventory's location ID, kept as a string (modules refer to each other's rows by ID only).
    public let destinationLocationID: String
    public let status: PurchaseOrderStatus
    /// When the goods should arrive: set on sending (sent date + the longest lead time of the lines),
    /// unless staff gave a date.
    public let expectedAt: Date?
    /// The date staff set by hand, which wins over the lead times.
    public let expectedOverride: Date?
    public let note: String?
    public let lines: [PurchaseOrderLine]
    public let sentAt: Date?
    public let receivedAt: Date?
    public let billedAt: Date?
    public let closedAt: Date?
    public let closeReason: String?
    public let cancelledAt: Date?
    public let cancelReason: String?
    public let createdAt: Date

    /// Ordered quantity × unit cost over all lines.
    public var total: Money {
        Money(minorUnits: lines.reduce(0) { $0 + Int64($1.quantity) * $1.unitCost.amount }, currency: currency)
    }
}

/// One SKU on a purchase order with what has happened to it so far.
public struct PurchaseOrderLine: Sendable, Hashable, Codable {
    public let id: PurchaseOrderLineID
    public let sku: String
    public let quantity: Int
    /// The agreed price per unit, in the order's currency.
    public let unitCost: Money
    /// The supplier's lead time for this SKU when the line was written (0 when it has none on file).
    public let leadTimeDays: Int
    public let receivedQuantity: Int
    public let returnedQuantity: Int
    /// Units on approved supplier bills.
    public let billedQuantity: Int

    /// Units still to arrive.
    public var openQuantity: Int { quantity - receivedQuantity }
    /// Units received and kept: what the supplier may bill.
    public var keptQuantity: Int { receivedQuantity - returnedQuantity }
}

/// What staff enter for a draft order. The currency is the supplier's.
public struct PurchaseOrderDraft: Sendable, Hashable {
    public var supplierID: SupplierID
    public var destinationLocationID: String
    public var lines: [PurchaseOrderLineDraft]
    /// A delivery date agreed with the supplier; without one it follows from the lead times.
    public var expectedAt: Date?
    public var note: String?

    public init(
        supplierID: SupplierID, destinationLocationID: String, lines: [PurchaseOrderLineDraft], expectedAt: Date? = nil,
        note: String? = nil
    ) {
        self.supplierID = supplierID
        self.destinationLocationID = destinationLocationID
        self.lines = lines
        self.expectedAt = expectedAt
        self.note = note
    }
}

/// One line of a draft order. Without a unit cost the supplier's price list supplies it.
public struct PurchaseOrderLineDraft: Sendable, Hashable {
    public var sku: String
    public var quantity: Int
    public var unitCost: Money?

    public init(sku: String, quantity: Int, unitCost: Money? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.unitCost = unitCost
    }
}

/// An order line still awaiting goods, for replenishment's "quantity on order".
public struct OnOrderLine: Sendable, Hashable, Codable {
    public let orderID: PurchaseOrderID
    public let number: String
    public let supplierID: SupplierID
    public let destinationLocationID: String
    public let sku: String
    /// Ordered and not yet received.
    public let openQuantity: Int
    public let expectedAt: Date?
}
