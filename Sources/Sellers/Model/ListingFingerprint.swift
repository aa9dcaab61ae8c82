/// What identifies the product behind a listing, for finding listings of the same product twice.
public struct ListingFingerprint: Sendable, Hashable, Codable {
    public var listingID: String
    /// The seller offering it; `nil` for a product of the marketplace's own catalogue.
    public var sellerID: String?
    public var title: String
    public var brand: String?
    /// The barcode (EAN-8, UPC-A, EAN-13, GTIN-14), when the seller gave one.
    public var gtin: String?
    public var categoryID: String
    /// What tells variants of one product apart: `["colour": "red", "size": "M"]`.
    public var variantAttributes: [String: String]

    public init(
        listingID: String,
        sellerID: String?,
        title: String,
        brand: String? = nil,
        gtin: String? = nil,
        categoryID: String,
        variantAttributes: [String: String] = [:]
    ) {
        self.listingID = listingID
        self.sellerID = sellerID
        self.title = title
        self.brand = brand
        self.gtin = gtin
        self.categoryID = categoryID
        self.variantAttributes = variantAttributes
    }
}
