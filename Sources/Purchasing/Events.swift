public import Foundation
public import TorvCore

/// A line of goods moving in or out with its cost, as purchasing events carry it.
public struct PurchasedGoods: Sendable, Hashable, Codable {
    public let orderLineID: PurchaseOrderLineID
    public let sku: String
    public let quantity: Int
    public let unitCost: Money

    public init(orderLineID: PurchaseOrderLineID, sku: String, quantity: Int, unitCost: Money) {
        self.orderLineID = orderLineID
        self.sku = sku
        self.quantity = quantity
        self.unitCost = unitCost
    }
}

/// An order went to the supplier (`purchasing.order_sent`): its open lines now count as stock on order.
public struct PurchaseOrderSent: DomainEvent, Hashable {
    public static let eventType = "purchasing.order_sent"
    public let orderID: PurchaseOrderID
    public let number: String
    public let supplierID: SupplierID
    public let destinationLocationID: String
    public let expectedAt: Date
    public let sentAt: Date
    public let total: Money
    public let lines: [PurchasedGoods]
}

/// An order was cancelled before anything arrived (`purchasing.order_cancelled`): nothing is on order
/// any more.
public struct PurchaseOrderCancelled: DomainEvent, Hashable {
    public static let eventType = "purchasing.order_cancelled"
    public let orderID: PurchaseOrderID
    public let number: String
    public let supplierID: SupplierID
    public let reason: String?
}

/// An order was closed (`purchasing.order_closed`); units never delivered are no longer on order.
public struct PurchaseOrderClosed: DomainEvent, Hashable {
    public static let eventType = "purchasing.order_closed"
    public let orderID: PurchaseOrderID
    public let number: String
    public let supplierID: SupplierID
    public let reason: String?
    /// Per SKU, the units ordered that will not come.
    public let cancelledQuantities: [String: Int]
}

/// Goods arrived against an order (`purchasing.goods_received`). Flows turn it into stock receipts at
/// the given cost and an entry of inventory against goods received not invoiced.
public struct GoodsReceived: DomainEvent, Hashable {
    public static let eventType = "purchasing.goods_received"
    public let receiptID: GoodsReceiptID
    public let orderID: PurchaseOrderID
    public let number: String
    public let supplierID: SupplierID
    public let locationID: String
    public let receivedAt: Date
    public let lines: [PurchasedGoods]
}

/// Goods went back to the supplier (`purchasing.goods_returned`) at the receipt's cost, from the
/// receipt's location.
public struct GoodsReturned: DomainEvent, Hashable {
    public static let eventType = "purchasing.goods_returned"
    public let returnID: SupplierReturnID
    public let receiptID: GoodsReceiptID
    public let orderID: PurchaseOrderID
    public let number: String
    public let supplierID: SupplierID
    public let locationID: String
    public let returnedAt: Date
    public let lines: [PurchasedGoods]
    public let reasons: [SupplierReturnReason]
}

/// A billed line with what the goods were received at, so the books can clear goods received not
/// invoiced at receipt cost and post the price difference.
public struct BilledGoods: Sendable, Hashable, Codable {
    public let orderLineID: PurchaseOrderLineID
    public let sku: String?
    public let quantity: Int
    public let unitPrice: Money
    /// The line's average receipt cost (nil when nothing of it was received).
    public let receivedUnitCost: Money?
}

/// A supplier bill became payable (`purchasing.bill_approved`): on recording when it matched, or when
/// staff approved it over its discrepancies (`overridden`).
public struct SupplierBillApproved: DomainEvent, Hashable {
    public static let eventType = "purchasing.bill_approved"
    public let billID: SupplierBillID
    public let supplierID: SupplierID
    public let invoiceNumber: String
    public let net: Money
    public let tax: Money
    /// Basis points; nil when the bill carries no VAT.
    public let taxRate: Int?
    public let total: Money
    public let currency: Currency
    public let billDate: Date
    public let dueDate: Date
    public let overridden: Bool
    public let lines: [BilledGoods]
}

/// A supplier bill did not match and waits for a decision (`purchasing.bill_held`).
public struct SupplierBillHeld: DomainEvent, Hashable {
    public static let eventType = "purchasing.bill_held"
    public let billID: SupplierBillID
    public let supplierID: SupplierID
    public let invoiceNumber: String
    public let discrepancies: [BillDiscrepancy]
}

/// Money was paid against a supplier bill (`purchasing.bill_paid`): payables fall, so does the bank.
public struct SupplierBillPaid: DomainEvent, Hashable {
    public static let eventType = "purchasing.bill_paid"
    public let paymentID: BillPaymentID
    public let billID: SupplierBillID
    public let supplierID: SupplierID
    public let invoiceNumber: String
    public let amount: Money
    public let paidAt: Date
    public let reference: String
    public let paymentStatus: BillPaymentStatus
}
