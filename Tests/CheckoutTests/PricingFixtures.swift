import Checkout
import Foundation
import TorvCore

extension Money {
    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
}

extension CartLineID {
    /// A stable line ID for pure tests: the n-th line.
    static func number(_ n: Int) -> CartLineID {
        CartLineID(uuid: UUID(uuidString: String(format: "00000000-0000-7000-8000-%012x", n))!)
    }
}

extension ShippingMethodID {
    static let standard = ShippingMethodID(uuid: UUID(uuidString: "00000000-0000-7000-8000-00000000aaaa")!)
}

extension PricingLine {
    static func fixture(
        _ n: Int, price: Int64, quantity: Int = 1, taxClass: String = "standard", weight: Int? = nil,
        currency: Currency = .eur
    ) -> PricingLine {
        PricingLine(
            lineID: .number(n), variantID: "var_\(n)", sku: "SKU-\(n)", title: "Item \(n)",
            unitPrice: Money(minorUnits: price, currency: currency), quantity: quantity, taxClass: taxClass,
            weightGrams: weight)
    }
}

extension ShippingOption {
    static func fixture(_ price: Int64, currency: Currency = .eur) -> ShippingOption {
        ShippingOption(methodID: .standard, name: "Standard", price: Money(minorUnits: price, currency: currency))
    }
}

extension TaxRate {
    /// DE standard 19 %, reduced 7 %, zero-rated books; SE standard 25 %.
    static let europe: [TaxRate] = [
        TaxRate(country: "DE", taxClass: "standard", basisPoints: 1900),
        TaxRate(country: "DE", taxClass: "reduced", basisPoints: 700),
        TaxRate(country: "DE", taxClass: "zero", basisPoints: 0),
        TaxRate(country: "SE", taxClass: "standard", basisPoints: 2500),
    ]
}

/// Proposes a fixed list of adjustments, whatever the cart.
struct FixedAdjuster: PriceAdjuster {
    let proposals: [PriceAdjustment]

    init(_ proposals: PriceAdjustment...) {
        self.proposals = proposals
    }

    init(list: [PriceAdjustment]) {
        self.proposals = list
    }

    func adjustments(for draft: PricingDraft) -> [PriceAdjustment] { proposals }
}

/// A percentage off every line, computed from the draft the way a promotion would.
struct PercentOffLines: PriceAdjuster {
    let percent: Int64

    func adjustments(for draft: PricingDraft) -> [PriceAdjustment] {
        draft.lines.map { line in
            PriceAdjustment(
                sourceID: "promo_percent", label: "\(percent) % off", target: .line(line.lineID),
                amount: (try? line.subtotal.scaled(by: percent, over: 100, rounding: .down)) ?? .zero(draft.currency))
        }
    }
}
