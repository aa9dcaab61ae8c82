/// The shop's standing choice of where shipped orders are picked from; checkout turns it into a
/// ``RoutingRule`` for each order (pick-up orders always come from their pick-up location).
///
/// `nearest` is not offered as a standing policy: it needs the destination's coordinates, which a
/// postal address alone does not give.
public enum RoutingPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Shipping locations by priority, splitting a line when one runs short.
    case priority
    /// Stores that ship first, to clear shop floors, then the others by priority.
    case storeFirst = "store_first"
    /// One location that can send everything when there is one: fewer parcels, less shipping cost.
    case singleShipment = "single_shipment"

    public var rule: RoutingRule {
        switch self {
        case .priority: .priority
        case .storeFirst: .storeFirst
        case .singleShipment: .singleShipment(near: nil)
        }
    }
}
