public import Foundation
public import TorvCore

/// Finds the classic fake discount before it goes live: a price of 40 for months, raised to 60 two
/// weeks before Black Friday, then "−33 %" back to 40. Unfair under the Unfair Commercial Practices
/// Directive (2005/29/EC) and exactly what the Omnibus prior price (98/6/EC Art. 6a) is for. Pure.
public enum FakeDiscountCheck {
    /// One warning per raise of the applied price in the `policy.raiseLookbackDays` before
    /// `reductionStartsAt`; empty when the price was not raised then (a genuine reduction).
    /// `reducedPrice` is the planned price; `progressiveSince` as for ``HonestPrice``.
    /// Throws `currency_mismatch` when `reducedPrice` is not in the timeline's currency.
    public static func warnings(
        for timeline: AppliedPriceTimeline, reductionStartsAt: Date, reducedPrice: Money,
        progressiveSince: Date? = nil, policy: OmnibusPolicy = .standard
    ) throws(MoneyError) -> [FakeDiscountWarning] {
        guard reducedPrice.currency == timeline.currency else {
            throw .currencyMismatch(timeline.currency, reducedPrice.currency)
        }
        let lookback =
            reductionStartsAt.addingTimeInterval(-Double(max(policy.raiseLookbackDays, 0)) * 86_400)..<reductionStartsAt
        var raises: [PriceRaise] = []
        var previous: Money?
        for segment in timeline.segments where segment.from < reductionStartsAt {
            guard let price = segment.price else { continue }
            // Compared with the last price shoppers paid, so withdrawing a variant between two prices hides no raise.
            if let previous, price.amount > previous.amount, lookback.contains(segment.from) {
                raises.append(PriceRaise(from: previous, to: price, at: segment.from))
            }
            previous = price
        }
        // A raise in the lookback means a price before the reduction and one in the lookback.
        guard let advertisedFrom = previous, let lowest = timeline.lowest(in: lookback), !raises.isEmpty else {
            return []
        }
        // A perishable's fake discount misleads as much as any other, so the exemption does not apply here.
        let prior = HonestPrice.reference(
            for: timeline, reductionStartsAt: reductionStartsAt, isPerishable: false,
            progressiveSince: progressiveSince,
            policy: policy
        ).price
        return raises.map { raise in
            FakeDiscountWarning(
                raise: raise, advertisedFrom: advertisedFrom, reducedPrice: reducedPrice, priorPrice: prior,
                lowestInLookback: lowest,
                advertisedPercentOff: HonestPrice.percentOff(from: advertisedFrom, to: reducedPrice),
                honestPercentOff: prior.flatMap { HonestPrice.percentOff(from: $0, to: reducedPrice) },
                wouldMisleadShoppers: reducedPrice.amount >= lowest.amount)
        }
    }
}
