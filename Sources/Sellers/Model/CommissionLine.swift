public import TorvCore

/// One line of a seller's sub-order as the commission schedule sees it: who sold it, where it sits in the
/// category tree and what the buyer paid.
public struct CommissionLine: Sendable, Hashable {
    public var sellerID: String
    /// The seller's plan at the time of sale (`"standard"`, `"pro"`).
    public var sellerPlan: String
    /// The line's category first, then its parent, and so on up to the root. Nearer categories are more
    /// specific, so a rule for an earlier entry beats a rule for a later one.
    public var categoryPath: [String]
    /// What the buyer pays per unit after discounts, tax included: the platform takes its share of the sale
    /// the buyer actually made.
    public var unitPrice: Money
    public var quantity: Int

    public init(sellerID: String, sellerPlan: String, categoryPath: [String], unitPrice: Money, quantity: Int) {
        self.sellerID = sellerID
        self.sellerPlan = sellerPlan
        self.categoryPath = categoryPath
        self.unitPrice = unitPrice
        self.quantity = quantity
    }
}
