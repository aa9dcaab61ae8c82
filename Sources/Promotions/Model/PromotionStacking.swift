/// How a promotion sits next to the others on the same cart.
public enum PromotionStacking: String, Sendable, Hashable, Codable, CaseIterable {
    /// Applies after whatever applied before it, on what is left.
    case combinable
    /// Applies only as the first promotion of the cart, and then keeps every later one out.
    case exclusive
}
