public import Foundation

/// What a location is, which decides how routing treats it (`storeFirst` prefers stores).
public enum StockLocationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case warehouse
    case store
    case pickupPoint = "pickup_point"
}

public struct PostalAddress: Sendable, Hashable, Codable {
    public var line1: String
    public var line2: String?
    public var city: String
    public var postalCode: String
    /// ISO 3166-1 alpha-2, upper case (`"DE"`).
    public var countryCode: String

    public init(line1: String, line2: String? = nil, city: String, postalCode: String, countryCode: String) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.countryCode = countryCode
    }
}

/// A place that holds stock: a warehouse, a store, or a pick-up point.
public struct StockLocation: Sendable, Hashable, Codable, Identifiable {
    public var id: StockLocationID
    public var kind: StockLocationKind
    public var name: String
    public var address: PostalAddress
    /// Needed for the `nearest` routing rule; a location without one ranks after those with one.
    public var coordinate: GeoCoordinate?
    /// Whether orders are shipped from here (warehouses, ship-from-store).
    public var ships: Bool
    /// Whether shoppers may collect orders here (click and collect).
    public var offersPickup: Bool
    /// Lower numbers are preferred when a routing rule has no other reason to choose (1 before 2).
    public var priority: Int
    /// An inactive location keeps its stock and holds but receives no new allocations.
    public var isActive: Bool
    public var createdAt: Date
}

/// What staff submit to create or change a location.
public struct StockLocationDraft: Sendable, Hashable, Codable {
    public var kind: StockLocationKind
    public var name: String
    public var address: PostalAddress
    public var coordinate: GeoCoordinate?
    public var ships: Bool
    public var offersPickup: Bool
    public var priority: Int
    public var isActive: Bool

    public init(
        kind: StockLocationKind, name: String, address: PostalAddress, coordinate: GeoCoordinate? = nil,
        ships: Bool, offersPickup: Bool, priority: Int = 100, isActive: Bool = true
    ) {
        self.kind = kind
        self.name = name
        self.address = address
        self.coordinate = coordinate
        self.ships = ships
        self.offersPickup = offersPickup
        self.priority = priority
        self.isActive = isActive
    }
}
