public import TorvCore

public enum SupplierPrefix: IDPrefix { public static let prefix = "sup" }
/// A company the shop buys goods from.
public typealias SupplierID = TypedID<SupplierPrefix>

public enum PurchaseOrderPrefix: IDPrefix { public static let prefix = "po" }
/// An order placed with a supplier.
public typealias PurchaseOrderID = TypedID<PurchaseOrderPrefix>

public enum PurchaseOrderLinePrefix: IDPrefix { public static let prefix = "poline" }
/// One SKU on a purchase order; receipts, returns and bill lines refer to it.
public typealias PurchaseOrderLineID = TypedID<PurchaseOrderLinePrefix>

public enum GoodsReceiptPrefix: IDPrefix { public static let prefix = "grn" }
/// A delivery booked against a purchase order (a goods received note).
public typealias GoodsReceiptID = TypedID<GoodsReceiptPrefix>

public enum SupplierReturnPrefix: IDPrefix { public static let prefix = "rts" }
/// Goods sent back to the supplier from a receipt.
public typealias SupplierReturnID = TypedID<SupplierReturnPrefix>

public enum SupplierBillPrefix: IDPrefix { public static let prefix = "bill" }
/// A supplier's invoice, as recorded by the shop (accounts payable).
public typealias SupplierBillID = TypedID<SupplierBillPrefix>

public enum BillPaymentPrefix: IDPrefix { public static let prefix = "billpay" }
/// Money paid against a supplier bill.
public typealias BillPaymentID = TypedID<BillPaymentPrefix>
