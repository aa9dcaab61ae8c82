import Foundation
public import TorvCore

/// Everything an order line snapshots about a variant at purchase time: what it is, its tax class and
/// the price this buyer pays. Orders keep the snapshot; later catalogue edits do not change them.
public struct Offer: Sendable, Hashable, Codable {
    public var productID: ProductID
    public var variantID: VariantID
    public var sku: String
    public var productTitle: String
    /// Option value names in option order, e.g. `"M / Red"`; empty for a product without options.
    public var variantTitle: String
    public var taxClass: String
    public var weightGrams: Int?
    public var price: ResolvedPrice
    public var quantity: Int

    public var unitPrice: Money { price.unitPrice }
}
