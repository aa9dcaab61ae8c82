/// What staff look for in the back office's product list: any status, optionally narrowed.
public struct ProductSearch: Sendable, Hashable {
    public var status: ProductStatus?
    /// Words to find in the title, brand, description or a SKU; every word must match.
    public var text: String?
    /// The category and its descendants.
    public var category: CategoryID?

    public init(status: ProductStatus? = nil, text: String? = nil, category: CategoryID? = nil) {
        self.status = status
        self.text = text
        self.category = category
    }
}
