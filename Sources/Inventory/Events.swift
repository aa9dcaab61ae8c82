public import Foundation
public import TorvCore

/// Stock was held for a checkout (`stock.reserved`). Orders show the hold; analytics measure demand.
public struct StockReserved: DomainEvent, Hashable {
    public static let eventType = "stock.reserved"
    public let reservationID: StockReservationID
    public let reference: String
    public let expiresAt: Date
    public let lines: [ReservedStock]
}

/// A hold became a sale (`stock.committed`): on-hand and reserved stock both fell.
public struct StockCommitted: DomainEvent, Hashable {
    public static let eventType = "stock.committed"
    public let reservationID: StockReservationID
    public let reference: String
    public let lines: [ReservedStock]
    /// The change in value at moving average cost per SKU (nil when nothing is valued yet).
    public var costs: [StockCost]? = nil
}

/// A hold ended without a sale (`stock.released`): cancelled (`released`) or timed out (`expired`).
public struct StockReleased: DomainEvent, Hashable {
    public static let eventType = "stock.released"
    public let reservationID: StockReservationID
    public let reference: String
    public let reason: ReservationStatus
    public let lines: [ReservedStock]
}

/// Available stock at a location fell to or below the SKU's threshold (`stock.low`). Emitted when the
/// threshold is crossed, not on every sale below it, so purchasing is nudged once per dip.
public struct StockLow: DomainEvent, Hashable {
    public static let eventType = "stock.low"
    public let sku: String
    public let locationID: StockLocationID
    public let available: Int
    public let threshold: Int
}

/// Goods arrived (`stock.received`); purchasing closes delivery lines on it.
public struct StockReceived: DomainEvent, Hashable {
    public static let eventType = "stock.received"
    public let documentID: StockDocumentID
    public let locationID: StockLocationID
    public let reference: String?
    public let lines: [StockLine]
    /// The change in value at moving average cost per SKU (nil when nothing is valued yet).
    public var costs: [StockCost]? = nil
}

/// Staff corrected, wrote off or returned stock (`stock.adjusted`).
public struct StockAdjusted: DomainEvent, Hashable {
    public static let eventType = "stock.adjusted"
    public let documentID: StockDocumentID
    public let sku: String
    public let locationID: StockLocationID
    public let quantity: Int
    public let reason: StockAdjustmentReason
    /// The change in value at moving average cost per SKU (nil when nothing is valued yet).
    public var costs: [StockCost]? = nil
}

/// Free stock moved between locations (`stock.transferred`).
public struct StockTransferred: DomainEvent, Hashable {
    public static let eventType = "stock.transferred"
    public let documentID: StockDocumentID
    public let from: StockLocationID
    public let to: StockLocationID
    public let lines: [StockLine]
}

/// A stock count was recorded (`stock.counted`); shrinkage reports read the differences.
public struct StockCounted: DomainEvent, Hashable {
    public static let eventType = "stock.counted"
    public let documentID: StockDocumentID
    public let locationID: StockLocationID
    public let lines: [CountedStock]
    /// The change in value at moving average cost per SKU (nil when nothing is valued yet).
    public var costs: [StockCost]? = nil
}
