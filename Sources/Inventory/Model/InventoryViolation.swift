/// A broken invariant found by ``Inventory/verifyInvariants(on:)``. Any of these means data was changed
/// outside Inventory's code (or a bug): the audit reports, an operator repairs.
public struct InventoryViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A level's on-hand stock is not the sum of its movements.
        case onHandDiffersFromMovements = "on_hand_differs_from_movements"
        /// Movements exist for a SKU and location that has no stock level.
        case movementsWithoutLevel = "movements_without_level"
        /// A level's reserved stock is not the sum of the held reservation lines there.
        case reservedDiffersFromHolds = "reserved_differs_from_holds"
        /// Available stock is below the level's minimum (the CHECK constraint was bypassed).
        case availableBelowMinimum = "available_below_minimum"
        /// A level's minimum differs from its SKU policy's.
        case minimumDiffersFromPolicy = "minimum_differs_from_policy"
        /// A SKU's valued quantity is not its on-hand stock over all locations.
        case valuedQuantityDiffersFromStock = "valued_quantity_differs_from_stock"
        /// A SKU's stock value is not the sum of its movements' values.
        case valueDiffersFromMovements = "value_differs_from_movements"
        /// A SKU with no stock left still carries a value.
        case valueWithoutStock = "value_without_stock"
    }

    public var kind: Kind
    public var sku: String
    public var locationID: String
    /// What the invariant says the value should be (nil: no value, e.g. unlimited).
    public var expected: Int?
    public var actual: Int?

    public init(kind: Kind, sku: String, locationID: String, expected: Int?, actual: Int?) {
        self.kind = kind
        self.sku = sku
        self.locationID = locationID
        self.expected = expected
        self.actual = actual
    }

    public var description: String {
        "\(kind.rawValue): \(sku) at \(locationID), expected \(expected.map(String.init) ?? "none"), "
            + "found \(actual.map(String.init) ?? "none")"
    }
}
