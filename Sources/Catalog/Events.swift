public import Foundation
public import TorvCore

/// A product went live. Search indexing, feeds and marketing announce it; it may still be not yet
/// purchasable (`purchasableFrom` in the future: a teaser before a launch).
public struct ProductPublished: DomainEvent, Hashable {
    public static let eventType = "product.published"
    public let productID: ProductID
    public let slug: String
    public let title: String
    public let channels: [String]
    public let purchasableFrom: Date?
    public let publishedAt: Date
}

/// A price on a price list was set, changed or removed (`newPrice == nil`). Feeds, price alerts and
/// analytics follow it; the same change is in the append-only price history.
public struct PriceChanged: DomainEvent, Hashable {
    public static let eventType = "price.changed"
    public let changeID: PriceChangeID
    public let variantID: VariantID
    public let sku: String
    public let priceListID: PriceListID
    public let channel: String
    public let fromQuantity: Int
    public let oldPrice: Money?
    public let newPrice: Money?
    public let at: Date
}
