/// Which cart lines a promotion looks at and discounts.
///
/// Empty sets mean "every line", so a sitewide promotion needs no list; otherwise a line is in scope when it
/// matches any non-empty set, which lets staff combine "these products and that category".
public struct LineScope: Sendable, Hashable, Codable {
    public var productIDs: Set<String>
    public var variantIDs: Set<String>
    public var categoryIDs: Set<String>

    public init(productIDs: Set<String> = [], variantIDs: Set<String> = [], categoryIDs: Set<String> = []) {
        self.productIDs = productIDs
        self.variantIDs = variantIDs
        self.categoryIDs = categoryIDs
    }

    public static let everything = LineScope()

    public var coversEverything: Bool { productIDs.isEmpty && variantIDs.isEmpty && categoryIDs.isEmpty }

    public func contains(_ line: PromotionLine) -> Bool {
        coversEverything
            || productIDs.contains(line.productID)
            || variantIDs.contains(line.variantID)
            || !categoryIDs.isDisjoint(with: line.categoryIDs)
    }
}
