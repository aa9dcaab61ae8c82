/// Finds listings of the same product, so a marketplace has one product page with many offers rather than
/// many pages of one product (which split reviews and confuse buyers).
///
/// **Certain:** two valid barcodes that are the same GTIN (compared as GTIN-14, so an EAN-13 and its UPC-A
/// match) are the same product, whatever their titles or categories say. Two valid but *different* barcodes
/// are different products, however alike the titles. An invalid barcode (wrong length or check digit, all
/// zeros) is ignored, as sellers fill the field with placeholders.
///
/// **Likely:** otherwise, in the same category only, when ``titleSimilarity(_:_:)`` reaches the threshold
/// (``defaultThreshold``, 800 ‰) and nothing tells the two apart: a brand given on both sides must be the same,
/// and so must every variant attribute both sides set (a red and a blue T-shirt are variants, not duplicates).
///
/// Matches come best first: by score, then by listing ID, so the order never depends on the input's. Scores
/// are integers and a score is never rounded up to reach the threshold.
public enum DuplicateListing {
    /// 800 ‰: four words of five in common. `Apple iPhone 15 Pro 256GB` and `iPhone 15 Pro (256 GB)` meet it
    /// (5 words of 6 shared, 833 ‰); `Nike Air Max 90 White` and `Nike Air Max 95 White` do not (4 of 6, 666 ‰).
    public static let defaultThreshold = 800

    /// Every existing listing that is likely the same product as `new`, best first. The new listing itself
    /// (same listing ID, when an edit is checked again) is never its own duplicate.
    public static func matches(
        for new: ListingFingerprint, among existing: [ListingFingerprint], threshold: Int = defaultThreshold
    ) -> [DuplicateMatch] {
        let newGTIN = new.gtin.flatMap(normalisedGTIN)
        let newTitle = titleWords(new.title)
        var found: [(match: DuplicateMatch, sellerID: String?)] = []
        for other in existing where other.listingID != new.listingID {
            let owner: DuplicateMatch.Owner = other.sellerID == new.sellerID ? .sameSeller : .existingProduct
            let otherGTIN = other.gtin.flatMap(normalisedGTIN)
            if let newGTIN, let otherGTIN {
                if newGTIN == otherGTIN {
                    found.append(
                        (
                            DuplicateMatch(listingID: other.listingID, score: 1_000, basis: .gtin, owner: owner),
                            other.sellerID
                        ))
                }
                continue
            }
            guard other.categoryID == new.categoryID, !distinguishable(new, other) else { continue }
            let score = similarity(newTitle, titleWords(other.title))
            if score >= threshold {
                found.append(
                    (
                        DuplicateMatch(listingID: other.listingID, score: score, basis: .title, owner: owner),
                        other.sellerID
                    ))
            }
        }
        return found.sorted { lhs, rhs in
            if lhs.match.score != rhs.match.score { return lhs.match.score > rhs.match.score }
            if lhs.match.listingID != rhs.match.listingID { return lhs.match.listingID < rhs.match.listingID }
            return String(describing: lhs) < String(describing: rhs)
        }.map(\.match)
    }

    /// The seller's own duplicates come first: listing the same thing twice is refused even when other sellers
    /// have it too.
    public static func advice(
        for new: ListingFingerprint, among existing: [ListingFingerprint], threshold: Int = defaultThreshold
    ) -> DuplicateAdvice {
        let found = matches(for: new, among: existing, threshold: threshold)
        let own = found.filter { $0.owner == .sameSeller }
        if !own.isEmpty { return .alreadyListed(own) }
        return found.isEmpty ? .unique : .offerOnExisting(found)
    }

    /// A brand or a variant attribute that both listings state and that differs.
    static func distinguishable(_ lhs: ListingFingerprint, _ rhs: ListingFingerprint) -> Bool {
        func folded(_ text: String?) -> String? {
            text.map { ListingWords($0).plain.joined(separator: " ") }.flatMap { $0.isEmpty ? nil : $0 }
        }
        if let left = folded(lhs.brand), let right = folded(rhs.brand), left != right { return true }
        let right = Dictionary(
            rhs.variantAttributes.compactMap { key, value in folded(key).map { ($0, folded(value)) } },
            uniquingKeysWith: { first, _ in first })
        for (key, value) in lhs.variantAttributes {
            guard let key = folded(key), let theirs = right[key], let value = folded(value), let theirs else {
                continue
            }
            if value != theirs { return true }
        }
        return false
    }
}
