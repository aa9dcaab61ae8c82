public import Foundation

/// A hold's life: `held` until it is committed (sold), released (cancelled) or expired.
public enum ReservationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case held
    case committed
    case released
    case expired
}

/// Units of one request line held at one location. A line split across locations has several.
public struct ReservedStock: Sendable, Hashable, Codable {
    /// Index of the request line (its pointer is `/lines/<line>`).
    public var line: Int
    public var sku: String
    public var locationID: StockLocationID
    public var quantity: Int
    /// How many of `quantity` were not in stock when reserved (backorder or pre-order).
    public var backordered: Int
    /// For pre-ordered units: when the goods are expected.
    public var availableFrom: Date?

    public init(
        line: Int, sku: String, locationID: StockLocationID, quantity: Int, backordered: Int = 0,
        availableFrom: Date? = nil
    ) {
        self.line = line
        self.sku = sku
        self.locationID = locationID
        self.quantity = quantity
        self.backordered = backordered
        self.availableFrom = availableFrom
    }
}

/// Stock held for one checkout or order (`reference`) until `expiresAt`, all lines or none.
public struct StockReservation: Sendable, Hashable, Codable, Identifiable {
    public var id: StockReservationID
    /// The caller's ID for what the stock is held for (a cart or order ID); at most one held
    /// reservation per reference.
    public var reference: String
    public var status: ReservationStatus
    /// The routing rule's name, for support staff asking "why from there?".
    public var routing: String
    public var lines: [ReservedStock]
    public var expiresAt: Date
    public var createdAt: Date
    /// When it was committed, released or expired.
    public var closedAt: Date?
}
