/// Where a product is in its life: prepared, on sale, withdrawn.
public enum ProductStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Being prepared; invisible to shoppers.
    case draft
    /// Visible in the channels it is available in (and purchasable once `purchasableFrom` has passed).
    case published
    /// Withdrawn for good, kept because orders refer to it.
    case archived

    /// The allowed moves. An archived product goes back to draft before it is published again, so
    /// someone reviews its (likely stale) content and prices first.
    public func canMove(to next: ProductStatus) -> Bool {
        switch (self, next) {
        case (.draft, .published), (.draft, .archived), (.published, .draft), (.published, .archived),
            (.archived, .draft):
            true
        default:
            false
        }
    }
}
