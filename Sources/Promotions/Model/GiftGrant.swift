/// A gift the shopper is owed. The engine never adds lines; the flow adds ``quantityToAdd`` units of the
/// variant at price zero, and the units already in the cart were discounted to zero by the engine.
public struct GiftGrant: Sendable, Hashable, Codable {
    public var promotionID: String
    public var variantID: String
    /// The units the promotion gives in total.
    public var quantity: Int
    /// The units the cart already held, which the engine discounted to zero.
    public var quantityInCart: Int

    public init(promotionID: String, variantID: String, quantity: Int, quantityInCart: Int) {
        self.promotionID = promotionID
        self.variantID = variantID
        self.quantity = quantity
        self.quantityInCart = quantityInCart
    }

    public var quantityToAdd: Int { max(0, quantity - quantityInCart) }
}
