public import Foundation
public import TorvCore

/// What one supplier charges for one SKU, in the supplier's currency, with its ordering conditions.
public struct SupplierPrice: Sendable, Hashable, Codable {
    public let supplierID: SupplierID
    public let sku: String
    public let unitCost: Money
    /// The fewest units the supplier accepts on one order line.
    public let minimumOrderQuantity: Int
    /// Days from sending the order until the goods arrive.
    public let leadTimeDays: Int
    public let updatedAt: Date

    public init(
        supplierID: SupplierID, sku: String, unitCost: Money, minimumOrderQuantity: Int, leadTimeDays: Int,
        updatedAt: Date
    ) {
        self.supplierID = supplierID
        self.sku = sku
        self.unitCost = unitCost
        self.minimumOrderQuantity = minimumOrderQuantity
        self.leadTimeDays = leadTimeDays
        self.updatedAt = updatedAt
    }
}

/// A price list entry to set (insert or replace) for one supplier.
public struct SupplierPriceDraft: Sendable, Hashable {
    public var sku: String
    public var unitCost: Money
    public var minimumOrderQuantity: Int
    public var leadTimeDays: Int

    public init(sku: String, unitCost: Money, minimumOrderQuantity: Int = 1, leadTimeDays: Int) {
        self.sku = sku
        self.unitCost = unitCost
        self.minimumOrderQuantity = minimumOrderQuantity
        self.leadTimeDays = leadTimeDays
    }
}
