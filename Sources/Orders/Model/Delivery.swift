public import TorvCore

/// How the goods reach the buyer, snapshotted at checkout.
public enum Delivery: Sendable, Hashable, Codable {
    /// Shipped by `carrier` (if already known) with the chosen method; `amount` is what the buyer pays for
    /// shipping, tax included, and `tax` the part of it that is tax.
    case shipping(methodID: String, name: String, carrier: String?, amount: Money, tax: Money)
    /// Collected at a store or pick-up point (an Inventory location, by ID).
    case pickup(locationID: String, name: String)

    public var isPickup: Bool {
        if case .pickup = self { return true }
        return false
    }

    /// What the buyer pays for delivery; zero for pick-up.
    public func amount(in currency: Currency) -> Money {
        switch self {
        case .shipping(_, _, _, let amount, _): amount
        case .pickup: .zero(currency)
        }
    }

    public func tax(in currency: Currency) -> Money {
        switch self {
        case .shipping(_, _, _, _, let tax): tax
        case .pickup: .zero(currency)
        }
    }
}
