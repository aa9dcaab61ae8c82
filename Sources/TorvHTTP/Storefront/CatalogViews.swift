import Catalog
import Flows
import Foundation
import Reviews
import Sellers
import TorvCore

/// A product in a grid: the home page, a category, search results.
struct ProductTile {
    let slug: String
    let title: String
    let brand: String?
    let fromPriceText: String?
    let imageURL: String?
    let imageAlt: String
    let comingSoon: Bool

    init(_ product: ListedProduct, settings: ShopSettings) {
        slug = product.slug
        title = product.title
        brand = product.brand
        fromPriceText = product.fromPrice.map(settings.money)
        imageURL = product.image?.url
        imageAlt = product.image?.altText ?? product.title
        comingSoon = !product.purchasable
    }
}

struct HomeView {
    let campaigns: [CampaignBanner]
    let flashTiles: [OfferTile]
    let dealTiles: [OfferTile]
    let products: [ProductTile]
    let categories: [CategoryLink]
}

/// A limited offer on the home page: a flash sale or a group deal, with its live count.
struct OfferTile {
    let tileURL: String
    let tileTitle: String
    let tilePrice: String
    let tileStatus: String
    let tileUntilISO: String
    let tileUntilText: String
}

struct CampaignBanner {
    let name: String
    let running: Bool
    let offers: [String]
    let untilISO: String
    let untilText: String
}

struct CategoryLink {
    let id: String
    let name: String
    let selected: Bool
}

struct ListingView {
    let heading: String
    let queryText: String
    let products: [ProductTile]
    let total: Int
    let categories: [CategoryLink]
    let sorts: [SortChoice]
    let facets: [FacetView]
    let nextPageURL: String?
    let empty: Bool
}

struct SortChoice {
    let value: String
    let label: String
    let selected: Bool
}

struct FacetView {
    let attribute: String
    let values: [FacetChoice]
}

struct FacetChoice {
    let facetValue: String
    let count: Int
    let url: String
    let chosen: Bool
}

struct ProductView {
    let productTitle: String
    let brand: String?
    let description: String
    let images: [ImageView]
    let variants: [VariantChoice]
    let singleVariant: VariantChoice?
    let purchasable: Bool
    let purchasableFromText: String?
    let offers: [OfferRow]
    let rating: RatingView?
    let reviews: [ReviewView]
    let slug: String
}

struct ImageView {
    let url: String
    let alt: String
}

struct VariantChoice {
    let variantID: String
    let label: String
    let sku: String
    let priceText: String
    /// Shown beside a reduction only: the lowest price of the 30 days before it (the EU Omnibus rule).
    let priorPriceText: String?
    let available: Bool
    let checked: Bool
}

struct OfferRow {
    let offerID: String
    let offerVariantID: String
    let offerVariantLabel: String
    let sellerName: String
    let sellerHandle: String
    let condition: String
    let conditionNote: String?
    let offerPriceText: String
    let landedPriceText: String
    let handlingText: String
    let recommended: Bool
    let buyable: Bool
    let notBuyableReason: String?
}

struct RatingView {
    let averageText: String
    let count: Int
    let stars: String
}

struct ReviewView {
    let stars: String
    let ratingLabel: String
    let reviewTitle: String
    let body: String
    let author: String
    let dateText: String
}

enum Stars {
    /// Five stars as text, filled to the rounded rating, for screen readers and no-CSS browsers alike.
    static func text(hundredths: Int) -> String {
        let filled = min(5, max(0, (hundredths + 50) / 100))
        return String(repeating: "★", count: filled) + String(repeating: "☆", count: 5 - filled)
    }
}
