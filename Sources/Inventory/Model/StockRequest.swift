public import TorvCore

/// One line of a reservation: so many units of a SKU. Line pointers in errors are `/lines/<index>`.
public struct StockRequest: Sendable, Hashable, Codable {
    public var sku: String
    public var quantity: Int

    public init(sku: String, quantity: Int) {
        self.sku = sku
        self.quantity = quantity
    }
}

/// One line of a staff stock document (receipt, transfer): so many units of a SKU.
public struct StockLine: Sendable, Hashable, Codable {
    public var sku: String
    public var quantity: Int
    /// What one unit cost, for receipts: it moves the SKU's moving average. Without it goods come in
    /// at the current average (zero for a SKU never received with a cost).
    public var unitCost: Money?

    public init(sku: String, quantity: Int, unitCost: Money? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.unitCost = unitCost
    }
}
