/// How closely a matching commission rule fits a line; the schedule applies the most specific one.
///
/// The order is lexicographic, most important first:
/// 1. a rule for the line's seller beats every rule for any seller (a negotiated rate is a contract, and no
///    category or plan rule may override it);
/// 2. then a rule for one of the line's categories beats a rule for any category, and a nearer category beats
///    a farther one ("Books › Crime" beats "Books", which beats no category);
/// 3. then a rule for the seller's plan beats a rule for any plan.
///
/// `a < b` means `b` is more specific than `a`.
public struct CommissionSpecificity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The rule names the line's seller.
    public var seller: Bool
    /// How many steps up the line's category path the rule's category is (0 = the line's own category);
    /// `nil` when the rule names no category.
    public var categoryDistance: Int?
    /// The rule names the seller's plan.
    public var plan: Bool

    public init(seller: Bool, categoryDistance: Int?, plan: Bool) {
        self.seller = seller
        self.categoryDistance = categoryDistance
        self.plan = plan
    }

    public static func < (lhs: CommissionSpecificity, rhs: CommissionSpecificity) -> Bool {
        if lhs.seller != rhs.seller { return rhs.seller }
        switch (lhs.categoryDistance, rhs.categoryDistance) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let left), .some(let right)) where left != right: return right < left
        default: break
        }
        return !lhs.plan && rhs.plan
    }

    public var description: String {
        let category = categoryDistance.map { "category +\($0)" } ?? "any category"
        return "\(seller ? "seller" : "any seller"), \(category), \(plan ? "plan" : "any plan")"
    }
}
