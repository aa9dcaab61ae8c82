public import Foundation
public import TorvCore

/// What a seller scorecard needs of one sub-order: when it was placed and shipped, where it ended, and how
/// many of its units came back.
public struct SubOrderRecord: Sendable, Hashable {
    public var id: SubOrderID
    public var status: SubOrderStatus
    public var placedAt: Date
    public var shippedAt: Date?
    public var deliveredAt: Date?
    /// Units of the seller's lines returned by the buyer.
    public var returnedUnits: Int

    public init(
        id: SubOrderID, status: SubOrderStatus, placedAt: Date, shippedAt: Date?, deliveredAt: Date?,
        returnedUnits: Int
    ) {
        self.id = id
        self.status = status
        self.placedAt = placedAt
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.returnedUnits = returnedUnits
    }
}
