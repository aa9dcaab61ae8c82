/// How a reservation chooses the locations that serve it. Allocation is a pure function
/// (``allocate(_:from:)``), so every rule is tested on plain values without a database.
public enum RoutingRule: Sendable, Hashable, Codable {
    /// Shipping locations in priority order (1 before 2), splitting a line when one runs short.
    case priority
    /// The shipping locations closest to the destination first.
    case nearest(to: GeoCoordinate)
    /// Stores that ship first (ship-from-store clears shop floors), then other locations by priority.
    case storeFirst
    /// One location that can serve every line from stock, the nearest to `near` (or by priority);
    /// when none can, as few locations as possible. Saves parcels and shipping cost.
    case singleShipment(near: GeoCoordinate?)
    /// Everything from one location that offers pick-up (click and collect), or nothing.
    case pickup(at: StockLocationID)

    /// The stored name, for support staff asking "why from there?".
    public var name: String {
        switch self {
        case .priority: "priority"
        case .nearest: "nearest"
        case .storeFirst: "store_first"
        case .singleShipment: "single_shipment"
        case .pickup: "pickup"
        }
    }

    /// Whether a location takes part in this rule at all.
    func admits(_ location: RoutingLocation) -> Bool {
        switch self {
        case .pickup(let id): location.id == id && location.offersPickup
        case .priority, .nearest, .storeFirst, .singleShipment: location.ships
        }
    }

    /// Locations in the order this rule prefers them; ties fall to priority, then to the ID, so the
    /// same input always allocates the same way.
    func rank(_ locations: [RoutingLocation]) -> [RoutingLocation] {
        func distance(_ location: RoutingLocation, _ destination: GeoCoordinate?) -> Double {
            guard let destination else { return 0 }
            return location.coordinate.map { $0.distance(to: destination) } ?? .infinity
        }
        let destination: GeoCoordinate? =
            switch self {
            case .nearest(let to): to
            case .singleShipment(let near): near
            case .priority, .storeFirst, .pickup: nil
            }
        let storesFirst = self == .storeFirst
        return locations.sorted { lhs, rhs in
            if storesFirst, (lhs.kind == .store) != (rhs.kind == .store) { return lhs.kind == .store }
            let (dl, dr) = (distance(lhs, destination), distance(rhs, destination))
            if dl != dr { return dl < dr }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            return lhs.id < rhs.id
        }
    }

    /// Where units beyond stock go: the pick-up location, else the preferred shipping location by
    /// priority, because backorders are filled by replenishment, which goes to the main warehouse —
    /// not to the store nearest to this shopper.
    func rankForBackorders(_ locations: [RoutingLocation]) -> [RoutingLocation] {
        RoutingRule.priority.rank(locations)
    }
}

/// What routing needs to know about a location.
public struct RoutingLocation: Sendable, Hashable {
    public var id: StockLocationID
    public var kind: StockLocationKind
    public var coordinate: GeoCoordinate?
    public var priority: Int
    public var ships: Bool
    public var offersPickup: Bool

    public init(
        id: StockLocationID, kind: StockLocationKind, coordinate: GeoCoordinate? = nil, priority: Int = 100,
        ships: Bool = true, offersPickup: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.coordinate = coordinate
        self.priority = priority
        self.ships = ships
        self.offersPickup = offersPickup
    }
}

/// One SKU's stock at one location, as routing sees it when it plans.
public struct StockCandidate: Sendable, Hashable {
    public var sku: String
    public var location: RoutingLocation
    public var available: Int
    /// The lowest `available` may fall here: 0 without backorders, nil when unlimited.
    public var minimumAvailable: Int?

    public init(sku: String, location: RoutingLocation, available: Int, minimumAvailable: Int? = 0) {
        self.sku = sku
        self.location = location
        self.available = available
        self.minimumAvailable = minimumAvailable
    }
}

/// Units of one request line assigned to one location.
public struct Allocation: Sendable, Hashable {
    public var line: Int
    public var sku: String
    public var locationID: StockLocationID
    public var quantity: Int
    /// How many of `quantity` the plan expects beyond stock (backorder or pre-order).
    public var backordered: Int

    public init(line: Int, sku: String, locationID: StockLocationID, quantity: Int, backordered: Int = 0) {
        self.line = line
        self.sku = sku
        self.locationID = locationID
        self.quantity = quantity
        self.backordered = backordered
    }
}

/// Why a plan failed: line `line` could get only `available` of `requested` units.
public struct Shortfall: Error, Sendable, Hashable {
    public var line: Int
    public var sku: String
    public var requested: Int
    public var available: Int

    public init(line: Int, sku: String, requested: Int, available: Int) {
        self.line = line
        self.sku = sku
        self.requested = requested
        self.available = available
    }
}
