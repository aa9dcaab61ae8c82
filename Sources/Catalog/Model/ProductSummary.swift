public import TorvCore

/// A product's figures for a back-office list row.
public struct ProductSummary: Sendable, Hashable {
    public var variantCount: Int
    /// The lowest and highest single-unit price on the base lists of one currency, over every variant
    /// and channel; `nil` when no variant has one.
    public var lowestBasePrice: Money?
    public var highestBasePrice: Money?

    public init(variantCount: Int, lowestBasePrice: Money? = nil, highestBasePrice: Money? = nil) {
        self.variantCount = variantCount
        self.lowestBasePrice = lowestBasePrice
        self.highestBasePrice = highestBasePrice
    }
}
