public import Foundation
public import TorvCore

/// A product as a listing shows it.
public struct ListedProduct: Sendable, Hashable, Codable {
    public var id: ProductID
    public var slug: String
    public var title: String
    public var brand: String?
    /// The first media item, for the product tile.
    public var image: MediaReference?
    /// The lowest unit price of any variant for one unit; `nil` when no variant is priced.
    public var fromPrice: Money?
    /// False for a launch teaser (`purchasableFrom` still ahead).
    public var purchasable: Bool
    public var purchasableFrom: Date?
    public var createdAt: Date

    public init(
        id: ProductID, slug: String, title: String, brand: String? = nil, image: MediaReference? = nil,
        fromPrice: Money? = nil, purchasable: Bool = true, purchasableFrom: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.brand = brand
        self.image = image
        self.fromPrice = fromPrice
        self.purchasable = purchasable
        self.purchasableFrom = purchasableFrom
        self.createdAt = createdAt
    }
}

/// One attribute's values with how many products each would show.
public struct Facet: Sendable, Hashable, Codable {
    public var attribute: String
    /// Most products first, then by value.
    public var values: [FacetValue]

    public init(attribute: String, values: [FacetValue]) {
        self.attribute = attribute
        self.values = values
    }
}

public struct FacetValue: Sendable, Hashable, Codable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// One page of a listing.
public struct ListingPage: Sendable, Hashable, Codable {
    public var items: [ListedProduct]
    /// Counted over every product matching the query, not only this page.
    public var facets: [Facet]
    /// How many products match in all.
    public var total: Int
    /// Pass as `after` for the next page; `nil` on the last page.
    public var nextCursor: String?
}

/// A product the store found for a listing, with what the pure rules need to filter, facet and sort it.
public struct ListingCandidate: Sendable, Hashable {
    public var product: ListedProduct
    /// Attribute code → canonical value.
    public var attributes: [String: String]
    public var inStock: Bool

    public init(product: ListedProduct, attributes: [String: String] = [:], inStock: Bool = true) {
        self.product = product
        self.attributes = attributes
        self.inStock = inStock
    }
}
