public import TorvCore

/// A price tolerance in basis points (1/100 of a percent): a billed unit price within this share of the
/// ordered unit cost still matches.
public struct MatchTolerance: Sendable, Hashable, Codable {
    public var priceBasisPoints: Int

    public init(priceBasisPoints: Int) {
        precondition(priceBasisPoints >= 0, "a tolerance is not negative")
        self.priceBasisPoints = priceBasisPoints
    }

    public static let exact = MatchTolerance(priceBasisPoints: 0)
}

/// What the order says about one line, for matching: its agreed cost and what other bills already
/// claim of it (approved or still on hold).
public struct MatchOrderLine: Sendable, Hashable {
    public var id: PurchaseOrderLineID
    public var sku: String
    public var unitCost: Money
    public var alreadyBilled: Int

    public init(id: PurchaseOrderLineID, sku: String, unitCost: Money, alreadyBilled: Int = 0) {
        self.id = id
        self.sku = sku
        self.unitCost = unitCost
        self.alreadyBilled = alreadyBilled
    }
}

/// One problem the three-way match found, anchored at the bill line (`/lines/<line>`) it concerns.
public struct BillDiscrepancy: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The bill names an order line that is not on any of the supplier's orders.
        case unknownLine = "unknown_line"
        /// This bill plus earlier ones claim more units than were received and kept.
        case billedMoreThanReceived = "billed_more_than_received"
        /// The billed unit price differs from the order's by more than the tolerance.
        case priceDiffers = "price_differs"
        /// The billed price is in another currency than the order.
        case currencyDiffers = "currency_differs"
    }

    public let kind: Kind
    /// Index of the bill line.
    public let line: Int
    public let orderLineID: PurchaseOrderLineID
    public var billedQuantity: Int? = nil
    public var receivedQuantity: Int? = nil
    public var orderedUnitCost: Money? = nil
    public var billedUnitPrice: Money? = nil
    /// |billed − ordered| ÷ ordered in basis points (nil when the order price is zero).
    public var differenceBasisPoints: Int? = nil

    /// A sentence for staff deciding whether to approve.
    public var message: String {
        switch kind {
        case .unknownLine: "Line \(line) names \(orderLineID), which is on none of the supplier's orders."
        case .billedMoreThanReceived:
            "Line \(line) bills \(billedQuantity ?? 0) units in all, but \(receivedQuantity ?? 0) were received."
        case .priceDiffers, .currencyDiffers:
            "Line \(line) is priced \(billedUnitPrice?.description ?? "?"); the order says "
                + "\(orderedUnitCost?.description ?? "?")."
        }
    }
}

/// The three-way match of accounts payable: what was ordered (price), what was received (quantity) and
/// what the supplier bills. Pure, so the rules are tested without a database.
public enum ThreeWayMatch {
    public enum Outcome: Sendable, Hashable {
        case matched
        case discrepancies([BillDiscrepancy])
    }

    /// Compares `billLines` with the order lines and the quantities received (net of returns) per line.
    /// Quantities are checked per order line across the whole bill, plus what earlier bills claim; the
    /// over-billing is reported once, at the first bill line for that order line.
    public static func compare(
        orderLines: [MatchOrderLine], receivedQuantities: [PurchaseOrderLineID: Int],
        billLines: [SupplierBillLineDraft], tolerance: MatchTolerance
    ) -> Outcome {
        let orders = Dictionary(orderLines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [BillDiscrepancy] = []
        var billedHere: [PurchaseOrderLineID: (first: Int, quantity: Int)] = [:]
        for (index, line) in billLines.enumerated() {
            guard let ordered = orders[line.orderLineID] else {
                found.append(BillDiscrepancy(kind: .unknownLine, line: index, orderLineID: line.orderLineID))
                continue
            }
            let previous = billedHere[line.orderLineID]
            billedHere[line.orderLineID] = (previous?.first ?? index, (previous?.quantity ?? 0) + line.quantity)
            if let price = priceDiscrepancy(line, index: index, ordered: ordered, tolerance: tolerance) {
                found.append(price)
            }
        }
        for (id, billed) in billedHere {
            let total = billed.quantity + (orders[id]?.alreadyBilled ?? 0)
            let received = receivedQuantities[id] ?? 0
            if total > received {
                found.append(
                    BillDiscrepancy(
                        kind: .billedMoreThanReceived, line: billed.first, orderLineID: id, billedQuantity: total,
                        receivedQuantity: received))
            }
        }
        found.sort { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }
        return found.isEmpty ? .matched : .discrepancies(found)
    }

    static func priceDiscrepancy(
        _ line: SupplierBillLineDraft, index: Int, ordered: MatchOrderLine, tolerance: MatchTolerance
    ) -> BillDiscrepancy? {
        guard line.unitPrice.currency == ordered.unitCost.currency else {
            return BillDiscrepancy(
                kind: .currencyDiffers, line: index, orderLineID: line.orderLineID,
                orderedUnitCost: ordered.unitCost, billedUnitPrice: line.unitPrice)
        }
        let ordered64 = ordered.unitCost.amount
        let difference = (line.unitPrice.amount - ordered64).magnitude
        guard difference > 0 else { return nil }
        // Compared in 128 bits: difference × 10 000 against tolerance × ordered, no division, no rounding.
        let beyond = Int128(difference) * 10_000 > Int128(tolerance.priceBasisPoints) * Int128(ordered64)
        guard beyond else { return nil }
        let basisPoints = ordered64 > 0 ? Int(clamping: Int128(difference) * 10_000 / Int128(ordered64)) : nil
        return BillDiscrepancy(
            kind: .priceDiffers, line: index, orderLineID: line.orderLineID, orderedUnitCost: ordered.unitCost,
            billedUnitPrice: line.unitPrice, differenceBasisPoints: basisPoints)
    }
}
