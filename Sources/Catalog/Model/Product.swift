public import Foundation

/// An image or video of a product, referenced by URL (media storage is not the catalogue's job).
/// Its position is its index in ``ProductDetails/media``.
public struct MediaReference: Sendable, Hashable, Codable {
    public var url: String
    /// Required for accessibility; may be empty for purely decorative media.
    public var altText: String

    public init(url: String, altText: String = "") {
        self.url = url
        self.altText = altText
    }
}

/// What staff edit about a product. Updates replace the whole value, so read, change and write back.
public struct ProductDetails: Sendable, Hashable, Codable {
    public var title: String
    /// The product's address in the storefront (`/products/<slug>`); unique in the catalogue.
    public var slug: String
    public var description: String
    public var brand: String?
    public var categoryID: CategoryID?
    /// A tax class code (`standard`, `reduced`, `zero` …); checkout looks up the rate per country.
    public var taxClass: String
    /// Before this moment the product is visible but cannot be bought (a launch or pre-announcement).
    public var purchasableFrom: Date?
    public var attributes: [String: AttributeValue]
    public var media: [MediaReference]

    public init(
        title: String, slug: String? = nil, description: String = "", brand: String? = nil,
        categoryID: CategoryID? = nil, taxClass: String = "standard", purchasableFrom: Date? = nil,
        attributes: [String: AttributeValue] = [:], media: [MediaReference] = []
    ) {
        self.title = title
        self.slug = slug ?? Slug.make(from: title)
        self.description = description
        self.brand = brand
        self.categoryID = categoryID
        self.taxClass = taxClass
        self.purchasableFrom = purchasableFrom
        self.attributes = attributes
        self.media = media
    }
}

/// Something the shop sells, in one or more variants (SKUs).
public struct Product: Sendable, Hashable, Codable {
    public let id: ProductID
    public var details: ProductDetails
    public var status: ProductStatus
    /// Option type codes in display order (`["size", "colour"]`); each variant picks one value of each.
    public var optionTypes: [String]
    /// The sales channels the product is available in, sorted.
    public var channels: [String]
    public let createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?

    public init(
        id: ProductID, details: ProductDetails, status: ProductStatus, optionTypes: [String], channels: [String],
        createdAt: Date, updatedAt: Date, publishedAt: Date? = nil
    ) {
        self.id = id
        self.details = details
        self.status = status
        self.optionTypes = optionTypes
        self.channels = channels
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
    }

    public var title: String { details.title }
    public var slug: String { details.slug }

    /// Shoppers see published products in the channels they are available in.
    public var isVisible: Bool { status == .published }

    /// Whether a shopper may put it in a cart at `date` (visibility alone is not enough).
    public func isPurchasable(at date: Date) -> Bool {
        guard status == .published else { return false }
        guard let from = details.purchasableFrom else { return true }
        return date >= from
    }
}

/// What staff supply to create a product, optionally with its first variants.
public struct NewProduct: Sendable, Hashable {
    public var details: ProductDetails
    public var optionTypes: [String]
    public var channels: Set<String>
    public var variants: [NewVariant]

    public init(
        _ details: ProductDetails, optionTypes: [String] = [], channels: Set<String> = [], variants: [NewVariant] = []
    ) {
        self.details = details
        self.optionTypes = optionTypes
        self.channels = channels
        self.variants = variants
    }
}
