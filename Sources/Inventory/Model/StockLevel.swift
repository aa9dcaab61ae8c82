public import Foundation

/// The stock of one SKU at one location.
///
/// Invariant (a CHECK in the database): `available >= minimumAvailable` whenever a minimum applies —
/// never below zero unless the SKU's policy allows backorders or pre-orders.
public struct StockLevel: Sendable, Hashable, Codable {
    public var sku: String
    public var locationID: StockLocationID
    /// Physically here, by the movement journal. Negative only after backordered sales.
    public var onHand: Int
    /// Held for checkouts and unfulfilled orders.
    public var reserved: Int
    /// How low `available` may fall here: 0 without backorders, −limit with them, nil when unlimited.
    public var minimumAvailable: Int?
    public var updatedAt: Date

    /// What may still be promised to shoppers.
    public var available: Int { onHand - reserved }

    public init(
        sku: String, locationID: StockLocationID, onHand: Int, reserved: Int, minimumAvailable: Int?, updatedAt: Date
    ) {
        self.sku = sku
        self.locationID = locationID
        self.onHand = onHand
        self.reserved = reserved
        self.minimumAvailable = minimumAvailable
        self.updatedAt = updatedAt
    }
}

/// A SKU's sellable stock over every active location that ships, for storefronts and listings.
public struct StockAvailability: Sendable, Hashable, Codable {
    public var sku: String
    /// Units in stock and free to promise (negative levels count as zero).
    public var inStock: Int
    public var whenOutOfStock: OutOfStockRule

    /// Whether a shopper may order one more unit now (ignoring backorder limits already used up).
    public var isOrderable: Bool {
        inStock > 0 || whenOutOfStock != .refuse
    }

    public init(sku: String, inStock: Int, whenOutOfStock: OutOfStockRule) {
        self.sku = sku
        self.inStock = inStock
        self.whenOutOfStock = whenOutOfStock
    }
}
