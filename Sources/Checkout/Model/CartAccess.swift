/// Who is asking for a cart. A cart read or changed with access that does not match is answered
/// exactly like a missing one (`cart_not_found`), so IDs cannot be probed for existence.
public enum CartAccess: Sendable, Hashable {
    /// A signed-in customer, by Identity's customer ID.
    case customer(String)
    /// A guest holding the secret token handed out when the cart was created.
    case guest(token: String)
    /// Staff (support, back office): any cart.
    case staff
}
