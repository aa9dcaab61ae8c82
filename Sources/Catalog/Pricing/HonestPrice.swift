public import Foundation
public import TorvCore

/// Honest reductions: the prior price a reduction is announced against (the Omnibus Directive, 98/6/EC
/// Art. 6a, with the exceptions an ``OmnibusPolicy`` takes up) and the percentage it may claim. Pure.
public enum HonestPrice {
    /// The prior price to show beside a reduction that started (or will start) at `reductionStartsAt`.
    ///
    /// The window is the `policy.windowDays` before the reduction started, not before now: a window
    /// ending now would contain the reduced price and make the reduction look like none. For a step of
    /// a progressive reduction pass `progressiveSince`, when the first step started; every step is then
    /// measured before that first step, so deepening a sale never lowers its own reference.
    public static func reference(
        for timeline: AppliedPriceTimeline, reductionStartsAt: Date, isPerishable: Bool,
        progressiveSince: Date? = nil, policy: OmnibusPolicy = .standard
    ) -> ReferencePrice {
        if isPerishable && policy.exemptsPerishables {
            return ReferencePrice(price: nil, basis: .exemptPerishable, period: nil)
        }
        // A first step after the current one is a caller's mistake; the earlier moment is the safe reading.
        let firstStep = policy.progressiveFromFirstReduction ? progressiveSince.map { min($0, reductionStartsAt) } : nil
        let end = firstStep ?? reductionStartsAt
        let window = end.addingTimeInterval(-Double(max(policy.windowDays, 0)) * 86_400)..<end
        guard let price = timeline.lowest(in: window) else {
            return ReferencePrice(price: nil, basis: .noHistory, period: window)
        }
        // A price in the window means a first offer before its end; the bounds keep the period a valid range.
        let firstOffered = timeline.firstOffered ?? window.lowerBound
        let isNew = policy.newProductsSinceFirstOffered && window.lowerBound < firstOffered && firstOffered < end
        let period = isNew ? firstOffered..<end : window
        let basis: ReferencePrice.Basis
        if let firstStep {
            basis = .progressiveFrom(start: firstStep)
        } else if isNew {
            basis = .lowestSinceFirstOffered(since: firstOffered)
        } else {
            basis = .lowestInWindow(days: max(policy.windowDays, 0))
        }
        return ReferencePrice(price: price, basis: basis, period: period)
    }

    /// The reduction from `original` to `reduced` in whole percent, rounded down so a reduction is never
    /// overstated (19.9 % is "19 %"; a rise of 0.5 % is "-1 %"). `nil` when `original` is not positive or
    /// the currencies differ. Integer maths on minor units, wide enough that no amount overflows.
    public static func percentOff(from original: Money, to reduced: Money) -> Int? {
        guard original.currency == reduced.currency, original.amount > 0 else { return nil }
        let saved = (Int128(original.amount) - Int128(reduced.amount)) * 100
        let (quotient, remainder) = saved.quotientAndRemainder(dividingBy: Int128(original.amount))
        // Swift's division truncates towards zero; below zero, rounding down is one further.
        return Int(clamping: remainder < 0 ? quotient - 1 : quotient)
    }
}
