import Foundation
import TorvCore

extension SkipReason {
    /// A specific English sentence for the shopper: what is missing and, where possible, how much.
    public var message: String {
        switch self {
        case .notStarted(let from): "Starts on \(Self.utc(from))"
        case .ended(let until): "Ended on \(Self.utc(until))"
        case .wrongChannel: "Not available in this shop"
        case .customerGroup(let groups): "Only for the \(groups.sorted().joined(separator: " or ")) group"
        case .company: "Only for selected business customers"
        case .minimumSubtotal(let missing): "Spend \(missing.formatted()) more on eligible items"
        case .minimumQuantity(let missing):
            missing == 1 ? "Add 1 more eligible item" : "Add \(missing) more eligible items"
        case .notFirstOrder: "Only for your first order"
        case .couponRequired: "Needs a coupon code"
        case .noEligibleLines: "No item in the cart is eligible"
        case .currencyMismatch(_, let found): "Only for carts in \(found.code)"
        case .excludedBy(_, let label): "Not combinable with \(label)"
        case .notCombinable(_, let label): "Not combinable with \(label)"
        case .budgetExhausted: "The promotion's budget is used up"
        case .usesExhausted: "The promotion has been used up"
        case .customerLimitReached: "You have already used this promotion as often as allowed"
        case .nothingLeftToDiscount: "Nothing left to discount on the eligible items"
        case .nextTier(let missing, let basisPoints):
            "Spend \(missing.formatted()) more on eligible items to get \(Self.percent(basisPoints)) off"
        }
    }

    /// "10 %", "12.5 %": basis points as staff typed them, without trailing zeros.
    static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100
        let fraction = abs(basisPoints % 100)
        guard fraction != 0 else { return "\(whole) %" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(whole).\(digits) %"
    }

    /// "2026-11-27 00:00 UTC": one unambiguous form, because the engine does not know the shopper's zone.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }
}
