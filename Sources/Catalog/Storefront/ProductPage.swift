public import Foundation
public import TorvCore

/// A product as a public shopper sees it in one channel and currency at one moment: what the
/// storefront's product page shows. It is a read model, built in a fixed handful of queries however
/// many variants the product has, and safe to keep until ``validUntil``.
public struct ProductPage: Sendable {
    public struct VariantOffer: Sendable {
        public let variant: Variant
        /// The single-unit price for a public buyer; `nil` when no list prices it now.
        public let price: Money?
        /// The lowest price of the 30 days before the current price took effect (EU Omnibus), or
        /// `nil` while the price never changed.
        public let priorPrice: Money?
        /// Priced and past the product's purchasable-from date.
        public let purchasable: Bool
    }

    public let product: Product
    public let variants: [VariantOffer]
    /// The next moment this page changes by itself with no write to the catalogue — a price list
    /// opening or closing, the purchasable-from date — so a cache never serves it past that point.
    public let validUntil: Date?
}
