public import TorvCore

/// What staff record when goods arrive: lines received at one location.
public struct StockReceipt: Sendable, Hashable, Codable {
    public var locationID: StockLocationID
    public var lines: [StockLine]
    /// The supplier's delivery note or purchase order number.
    public var reference: String?
    public var note: String?

    public init(locationID: StockLocationID, lines: [StockLine], reference: String? = nil, note: String? = nil) {
        self.locationID = locationID
        self.lines = lines
        self.reference = reference
        self.note = note
    }
}

/// Why staff change on-hand stock outside receipts, transfers and counts.
public enum StockAdjustmentReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// A correction either way (a mis-scan, a found box).
    case correction
    /// Damaged, lost or expired goods (must be negative).
    case writeOff = "write_off"
    /// A customer return put back into stock (must be positive).
    case customerReturn = "return"
    /// Goods sent back to their supplier (must be negative); purchasing makes these.
    case supplierReturn = "supplier_return"

    var movementReason: StockMovementReason {
        switch self {
        case .correction: .adjustment
        case .writeOff: .writeOff
        case .customerReturn: .customerReturn
        case .supplierReturn: .supplierReturn
        }
    }
}

/// A signed change of one SKU's on-hand stock at one location.
public struct StockAdjustment: Sendable, Hashable, Codable {
    public var sku: String
    public var locationID: StockLocationID
    /// Positive adds stock, negative removes it.
    public var quantity: Int
    public var reason: StockAdjustmentReason
    public var reference: String?
    public var note: String?
    /// For goods found or returned (positive quantities): what one unit is worth; else the average.
    public var unitCost: Money?

    public init(
        sku: String, locationID: StockLocationID, quantity: Int, reason: StockAdjustmentReason,
        reference: String? = nil, note: String? = nil, unitCost: Money? = nil
    ) {
        self.unitCost = unitCost
        self.sku = sku
        self.locationID = locationID
        self.quantity = quantity
        self.reason = reason
        self.reference = reference
        self.note = note
    }
}

/// Moves free stock from one location to another at once (no in-transit state).
public struct StockTransfer: Sendable, Hashable, Codable {
    public var from: StockLocationID
    public var to: StockLocationID
    public var lines: [StockLine]
    public var reference: String?
    public var note: String?

    public init(
        from: StockLocationID, to: StockLocationID, lines: [StockLine], reference: String? = nil, note: String? = nil
    ) {
        self.from = from
        self.to = to
        self.lines = lines
        self.reference = reference
        self.note = note
    }
}

/// What staff found on the shelves of one location.
public struct StockCount: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var sku: String
        public var counted: Int

        public init(sku: String, counted: Int) {
            self.sku = sku
            self.counted = counted
        }
    }

    public var locationID: StockLocationID
    public var lines: [Line]
    public var note: String?

    public init(locationID: StockLocationID, lines: [Line], note: String? = nil) {
        self.locationID = locationID
        self.lines = lines
        self.note = note
    }
}

/// The outcome of one counted line: the difference is recorded as a `count` movement.
public struct CountedStock: Sendable, Hashable, Codable {
    public var sku: String
    public var previous: Int
    public var counted: Int
    public var difference: Int { counted - previous }

    public init(sku: String, previous: Int, counted: Int) {
        self.sku = sku
        self.previous = previous
        self.counted = counted
    }
}
