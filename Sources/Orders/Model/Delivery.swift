public import TorvCore

/// How the goods reach the buyer, snapshotted at checkout.
public enum Delivery: Sendable, Hashable, Codable {
    /// Shipped by `carrier` (if already known) with the chosen method; `amount` is what the buyer pays for
    /// shipping, tax included, and `tax` the part of it that is tax.
    /// `taxRate` (basis points) is the VAT rate the shipping was taxed at; orders placed before it was
    /// recorded have none.
    case shipping(methodID: String, name: String, carrier: String?, amount: Money, tax: Money, taxRate: Int? = nil)
    /// Collected at a store or pick-up point (an Inventory location, by ID).
    case pickup(locationID: String, name: String)

    public var isPickup: Bool {
        if case .pickup = self { return true }
        return false
    }

    /// What the buyer pays for delivery; zero for pick-up.
    public func amount(in currency: Currency) -> Money {
        switch self {
        case .shipping(_, _, _, let amount, _, _): amount
        case .pickup: .zero(currency)
        }
    }

    /// The VAT rate shipping was taxed at, when the order recorded it.
    public var taxRate: Int? {
        if case .shipping(_, _, _, _, _, let rate) = self { return rate }
        return nil
    }

    public func tax(in currency: Currency) -> Money {
        switch self {
        case .shipping(_, _, _, _, let tax, _): tax
        case .pickup: .zero(currency)
        }
    }
}
