public import TorvCore

/// How much a promotion may give away over its lifetime; `nil` means no limit.
public struct PromotionBudget: Sendable, Hashable, Codable {
    /// The most it may take off, summed over every order.
    public var maxDiscount: Money?
    /// The most orders it may apply to.
    public var maxUses: Int?
    /// The most orders of one customer it may apply to.
    public var maxUsesPerCustomer: Int?

    public init(maxDiscount: Money? = nil, maxUses: Int? = nil, maxUsesPerCustomer: Int? = nil) {
        self.maxDiscount = maxDiscount
        self.maxUses = maxUses
        self.maxUsesPerCustomer = maxUsesPerCustomer
    }

    public static let unlimited = PromotionBudget()
}
