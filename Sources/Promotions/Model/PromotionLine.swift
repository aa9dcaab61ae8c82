public import TorvCore

/// A cart line as promotions see it: identity for scoping, the price before any discount, and the quantity.
public struct PromotionLine: Sendable, Hashable, Codable {
    public var lineID: String
    public var productID: String
    public var variantID: String
    public var categoryIDs: Set<String>
    public var unitPrice: Money
    public var quantity: Int

    public init(
        lineID: String,
        productID: String,
        variantID: String,
        categoryIDs: Set<String> = [],
        unitPrice: Money,
        quantity: Int
    ) {
        self.lineID = lineID
        self.productID = productID
        self.variantID = variantID
        self.categoryIDs = categoryIDs
        self.unitPrice = unitPrice
        self.quantity = quantity
    }
}
