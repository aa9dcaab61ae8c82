public import TorvCore

/// One line of the marketplace's commission schedule: what the platform keeps of a seller's sale.
///
/// A rule is a scope and a price. The scope is three optional fields (seller, category, seller plan); a field
/// left out matches anything, so the schedule can start with one catch-all rule and add exceptions for a
/// category, a plan or a single negotiated seller. ``CommissionSchedule/quote(_:rules:)`` picks the most
/// specific rule that matches a line; ``CommissionSchedule/validate(_:)`` refuses a schedule in which two
/// rules have the same scope, because then neither would be "the" rule for that scope.
///
/// Other modules' IDs (sellers, categories) are plain strings here: domain modules never import each other.
public struct CommissionRule: Sendable, Hashable, Codable {
    public var id: String
    /// `nil` matches any seller; a negotiated rate names the seller.
    public var sellerID: String?
    /// `nil` matches any category. A category matches the line's own category or any of its ancestors, so a
    /// rule for "Books" also prices "Books › Crime".
    public var categoryID: String?
    /// The seller's plan (`"standard"`, `"pro"`); `nil` matches any plan.
    public var plan: String?
    /// The percentage of the line amount in basis points: 1250 is 12.5 %. Valid from 0 to 10 000.
    public var percentBasisPoints: Int
    /// Added once per unit sold, for the cost of handling an item whatever its price.
    public var fixedPerItem: Money?
    /// The least a line pays, so cheap items still cover their cost; never more than the line amount itself.
    public var minimumPerLine: Money?

    public init(
        id: String,
        sellerID: String? = nil,
        categoryID: String? = nil,
        plan: String? = nil,
        percentBasisPoints: Int,
        fixedPerItem: Money? = nil,
        minimumPerLine: Money? = nil
    ) {
        self.id = id
        self.sellerID = sellerID
        self.categoryID = categoryID
        self.plan = plan
        self.percentBasisPoints = percentBasisPoints
        self.fixedPerItem = fixedPerItem
        self.minimumPerLine = minimumPerLine
    }
}
