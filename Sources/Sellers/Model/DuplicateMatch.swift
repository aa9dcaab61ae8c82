/// An existing listing that looks like the product a seller is about to list.
public struct DuplicateMatch: Sendable, Hashable, Codable {
    /// What the match rests on.
    public enum Basis: String, Sendable, Hashable, Codable {
        /// The same barcode: certainly the same product.
        case gtin
        /// Titles alike enough in the same category.
        case title
    }

    /// Whose listing it is, which decides what the seller is told.
    public enum Owner: String, Sendable, Hashable, Codable {
        /// The seller already lists it: refuse the new listing or merge it into the old one.
        case sameSeller = "same_seller"
        /// Another seller or the catalogue has it: offer on that product instead of creating a second page.
        case existingProduct = "existing_product"
    }

    public var listingID: String
    /// Similarity in per mille: 1000 for a barcode match or the same title words.
    public var score: Int
    public var basis: Basis
    public var owner: Owner

    public init(listingID: String, score: Int, basis: Basis, owner: Owner) {
        self.listingID = listingID
        self.score = score
        self.basis = basis
        self.owner = owner
    }
}

/// What to do about a new listing, given its duplicates.
public enum DuplicateAdvice: Sendable, Hashable, Codable {
    /// No likely duplicate: create the listing.
    case unique
    /// The seller already lists this product: refuse, or merge into one of these.
    case alreadyListed([DuplicateMatch])
    /// The product exists: suggest offering on one of these instead of a new product page.
    case offerOnExisting([DuplicateMatch])
}
