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

    public init(sku: String, quantity: Int) {
        self.sku = sku
        self.quantity = quantity
    }
}
