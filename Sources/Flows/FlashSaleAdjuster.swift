public import Checkout
import Foundation
public import Promotions
public import TorvCore

/// The flash-sale hook of checkout's pricing: units the shopper holds in a running flash sale are
/// priced at the sale's price, as a line reduction labelled with the sale.
///
/// Only held units count (a cart line of 3 with 1 unit held gets one unit at the flash price), and only
/// where the flash price is below what the shopper would pay anyway. Other promotions do not discount
/// those units again (see ``PromotionAdjuster/excludedUnits``).
public struct FlashSaleAdjuster: PriceAdjuster {
    public var holds: [FlashHold]

    public init(holds: [FlashHold]) {
        self.holds = holds
    }

    public func adjustments(for draft: PricingDraft) -> [PriceAdjustment] {
        walk(draft).map(\.adjustment)
    }

    /// The units each sale gives this draft: what checkout takes from the sales.
    public func uses(for draft: PricingDraft) -> [FlashSaleUse] {
        var units: [FlashSaleID: Int] = [:]
        for step in walk(draft) { units[step.saleID, default: 0] += step.units }
        return units.sorted { $0.key.rawValue < $1.key.rawValue }.map { FlashSaleUse(saleID: $0.key, units: $0.value) }
    }

    /// Units per cart line priced by a flash sale.
    public func units(for draft: PricingDraft) -> [CartLineID: Int] {
        walk(draft).reduce(into: [:]) { $0[$1.lineID, default: 0] += $1.units }
    }

    private struct Step {
        var saleID: FlashSaleID
        var lineID: CartLineID
        var units: Int
        var adjustment: PriceAdjustment
    }

    private func walk(_ draft: PricingDraft) -> [Step] {
        var left = Dictionary(holds.map { ($0.sale.id, $0.units) }, uniquingKeysWith: +)
        var steps: [Step] = []
        for line in draft.lines {
            for hold in holds where hold.sale.variantID == line.variantID && hold.sale.price.currency == draft.currency
            {
                let units = min(line.quantity, left[hold.sale.id] ?? 0)
                let off = line.unitPrice.amount - hold.sale.price.amount
                guard units > 0, off > 0 else { continue }
                left[hold.sale.id, default: 0] -= units
                let (amount, overflow) = off.multipliedReportingOverflow(by: Int64(units))
                guard !overflow else { continue }
                steps.append(
                    Step(
                        saleID: hold.sale.id, lineID: line.lineID, units: units,
                        adjustment: PriceAdjustment(
                            sourceID: hold.sale.id.rawValue, label: "Flash sale: \(hold.sale.title)",
                            target: .line(line.lineID), amount: Money(minorUnits: amount, currency: draft.currency))))
                break
            }
        }
        return steps
    }
}
