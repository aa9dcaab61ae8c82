public import Foundation
public import Persistence
public import TorvCore

/// Why on-hand stock changed. Stored as text; the database checks the sign that goes with each reason.
public enum StockMovementReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Goods arrived from a supplier (+).
    case receipt
    /// A reservation was committed: the goods left with an order (−).
    case sale
    /// A customer's return was put back into stock (+).
    case customerReturn = "return"
    /// A correction by staff (±).
    case adjustment
    /// The sending leg of a transfer (−).
    case transferOut = "transfer_out"
    /// The receiving leg of a transfer (+).
    case transferIn = "transfer_in"
    /// The difference a stock count found (±).
    case count
    /// Damaged, lost or expired goods taken out of stock (−).
    case writeOff = "write_off"
    /// Goods sent back to their supplier (−).
    case supplierReturn = "supplier_return"
}

/// One line of the append-only stock journal. For every SKU and location, the sum of `quantity` over
/// its movements is the level's on-hand stock (``Inventory/verifyInvariants(on:)`` checks it).
public struct StockMovement: Sendable, Hashable, Codable, Identifiable {
    public var id: StockMovementID
    public var sku: String
    public var locationID: StockLocationID
    public var reason: StockMovementReason
    /// Signed: positive adds to on-hand stock.
    public var quantity: Int
    /// On-hand stock right after this movement, a running balance for stock cards.
    public var onHandAfter: Int
    /// What caused it: a reservation (`rsv_…`) for sales, a stock document (`sdoc_…`) otherwise.
    public var document: String
    /// The business reference, e.g. an order ID or a supplier's delivery note.
    public var reference: String?
    public var note: String?
    public var actor: AuditActor
    public var occurredAt: Date
    /// The change in stock value at cost (moving average), signed like `quantity`; nil for transfers and
    /// for SKUs never received with a cost.
    public var value: Money? = nil
}
