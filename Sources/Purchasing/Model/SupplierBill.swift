public import Foundation
public import TorvCore

/// Whether a bill may be paid: bills that pass the three-way match are approved as they are recorded;
/// others wait on hold until staff approve them with a reason, or reject them.
public enum BillApproval: String, Sendable, Hashable, Codable, CaseIterable {
    case onHold = "on_hold"
    case approved
    case rejected
}

/// How much of an approved bill has been paid.
public enum BillPaymentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case partiallyPaid = "partially_paid"
    case paid
}

/// A supplier invoice as it arrived: every amount in the supplier's currency.
public struct SupplierBillDraft: Sendable, Hashable {
    public var supplierID: SupplierID
    /// The supplier's own invoice number, unique per supplier (case and surrounding spaces ignored).
    public var invoiceNumber: String
    public var billDate: Date
    /// Bill date plus the supplier's payment terms unless given.
    public var dueDate: Date?
    public var lines: [SupplierBillLineDraft]
    /// The VAT the supplier charged, as the invoice states it.
    public var tax: Money
    /// The VAT rate it was charged at, in basis points (2500 = 25 %); required when `tax` is not zero,
    /// so the VAT report can show input VAT per rate.
    public var taxRate: Int?
    /// The invoice total; must equal the lines' net plus the tax.
    public var total: Money

    public init(
        supplierID: SupplierID, invoiceNumber: String, billDate: Date, dueDate: Date? = nil,
        lines: [SupplierBillLineDraft], tax: Money, taxRate: Int? = nil, total: Money
    ) {
        self.taxRate = taxRate
        self.supplierID = supplierID
        self.invoiceNumber = invoiceNumber
        self.billDate = billDate
        self.dueDate = dueDate
        self.lines = lines
        self.tax = tax
        self.total = total
    }
}

/// One line of a supplier invoice, matched to the order line it bills.
public struct SupplierBillLineDraft: Sendable, Hashable {
    public var orderLineID: PurchaseOrderLineID
    public var quantity: Int
    public var unitPrice: Money

    public init(orderLineID: PurchaseOrderLineID, quantity: Int, unitPrice: Money) {
        self.orderLineID = orderLineID
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

/// A recorded supplier bill with its match result and payments so far.
public struct SupplierBill: Sendable, Hashable, Codable {
    public let id: SupplierBillID
    public let supplierID: SupplierID
    public let invoiceNumber: String
    public let billDate: Date
    public let dueDate: Date
    public let currency: Currency
    public let net: Money
    public let tax: Money
    /// Basis points; nil for a bill without VAT.
    public let taxRate: Int?
    public let total: Money
    public let paid: Money
    public let approval: BillApproval
    /// What the three-way match found when the bill was last checked (empty for a clean match).
    public let discrepancies: [BillDiscrepancy]
    /// The reason staff gave when approving despite discrepancies, or when rejecting.
    public let decisionReason: String?
    public let decidedAt: Date?
    public let recordedAt: Date
    public let lines: [SupplierBillLine]

    public var open: Money { Money(minorUnits: total.amount - paid.amount, currency: currency) }

    public var paymentStatus: BillPaymentStatus {
        paid.amount == 0 ? .open : paid.amount < total.amount ? .partiallyPaid : .paid
    }
}

public struct SupplierBillLine: Sendable, Hashable, Codable {
    public let orderLineID: PurchaseOrderLineID
    /// The order the line belongs to; nil when the bill named a line the shop does not know.
    public let orderID: PurchaseOrderID?
    public let sku: String?
    public let quantity: Int
    public let unitPrice: Money
    public let net: Money
}

/// Money paid to a supplier against a bill.
public struct BillPayment: Sendable, Hashable, Codable {
    public let id: BillPaymentID
    public let billID: SupplierBillID
    public let amount: Money
    public let paidAt: Date
    public let reference: String
}

/// An approved bill with money still owed: the input for a payables ageing.
public struct PayableBill: Sendable, Hashable, Codable {
    public let billID: SupplierBillID
    public let supplierID: SupplierID
    public let invoiceNumber: String
    public let billDate: Date
    public let dueDate: Date
    public let total: Money
    public let open: Money
}
