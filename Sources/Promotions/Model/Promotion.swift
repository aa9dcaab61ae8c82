/// A rule that lowers what a shopper pays: who may have it (``conditions``), on which lines (``scope``), what
/// it takes off (``action``), how it sits next to other promotions (``stacking``) and how much of it may ever
/// be given (``budget``).
public struct Promotion: Sendable, Hashable, Codable, Identifiable {
    /// A prefixed ID such as `"promo_…"`; it breaks priority ties, so it must be stable.
    public var id: String
    /// Staff-facing name, used in conflict reports and "not combinable with …" reasons.
    public var name: String
    /// What the shopper sees next to the discount.
    public var label: String
    /// Higher applies first; equal priorities are ordered by ``id`` so the outcome never depends on input order.
    public var priority: Int
    public var stacking: PromotionStacking
    /// All must hold (logical AND).
    public var conditions: [PromotionCondition]
    public var scope: LineScope
    public var action: PromotionAction
    public var budget: PromotionBudget

    public init(
        id: String,
        name: String,
        label: String,
        priority: Int = 0,
        stacking: PromotionStacking = .combinable,
        conditions: [PromotionCondition] = [],
        scope: LineScope = .everything,
        action: PromotionAction,
        budget: PromotionBudget = .unlimited
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.priority = priority
        self.stacking = stacking
        self.conditions = conditions
        self.scope = scope
        self.action = action
        self.budget = budget
    }
}
