public import TorvCore

/// The value at cost of one SKU's change in stock, signed like the change (goods in positive), as
/// events carry it for the books.
public struct StockCost: Sendable, Hashable, Codable {
    public let sku: String
    public let quantity: Int
    public let value: Money

    public init(sku: String, quantity: Int, value: Money) {
        self.sku = sku
        self.quantity = quantity
        self.value = value
    }

    /// The movements' values as costs, leaving out unvalued ones; nil when none is valued.
    static func of(_ movements: [StockMovement]) -> [StockCost]? {
        let costs = movements.compactMap { movement in
            movement.value.map { StockCost(sku: movement.sku, quantity: movement.quantity, value: $0) }
        }
        return costs.isEmpty ? nil : costs
    }
}

/// A SKU's stock value at moving average cost, across locations.
public struct StockValuation: Sendable, Hashable, Codable {
    public let sku: String
    public let quantity: Int
    /// Nil until the SKU is first received with a cost.
    public let value: Money?
    public let unitCost: Money?
}
