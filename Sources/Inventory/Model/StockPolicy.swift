public import Foundation

/// What happens when a SKU runs out.
public enum OutOfStockRule: Sendable, Hashable, Codable {
    /// Sell only what is available (the default).
    case refuse
    /// Keep selling, up to `limit` units below zero at each location (nil: no limit). The goods are
    /// replenished later and the order waits.
    case backorder(limit: Int?)
    /// Sell before the goods exist, for delivery from `availableFrom`, up to `limit` units below zero at
    /// each location (nil: no limit).
    case preorder(availableFrom: Date, limit: Int?)

    /// The lowest `available` may fall at one location; nil when unlimited. Copied onto every stock
    /// level of the SKU, where a CHECK constraint enforces it.
    public var minimumAvailable: Int? {
        switch self {
        case .refuse: 0
        case .backorder(let limit), .preorder(_, let limit): limit.map { -$0 }
        }
    }
}

/// Per-SKU stock rules. SKUs belong to the Catalog; Inventory keeps only these rules about them.
///
/// The backorder or pre-order limit applies per location, like Magento's negative out-of-stock
/// threshold per source: that keeps it enforceable by a CHECK on each stock level row, which a
/// cross-location total could not be. Backorders are placed at one location per line (the routing
/// rule's pick-up location, or else the preferred shipping location), so in practice the limit is the
/// SKU's.
public struct StockPolicy: Sendable, Hashable, Codable {
    public var sku: String
    public var whenOutOfStock: OutOfStockRule
    /// A `stock.low` event is emitted when available falls to or below this at a location.
    public var lowStockThreshold: Int?

    public init(sku: String, whenOutOfStock: OutOfStockRule = .refuse, lowStockThreshold: Int? = nil) {
        self.sku = sku
        self.whenOutOfStock = whenOutOfStock
        self.lowStockThreshold = lowStockThreshold
    }
}
