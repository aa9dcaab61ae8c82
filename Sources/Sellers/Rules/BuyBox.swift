public import TorvCore

/// Which seller's offer a product page shows first (the "buy box"), and the order of the other offers.
///
/// The score is meant to be explained to a seller line by line, so it is the landed price (price + shipping
/// for one unit) plus a few percentage penalties, each one a reason on the entry; lower wins:
/// - **Slow handling:** +1 % per handling day beyond 2, at most +10 %. A shopper will pay a little more to
///   get the parcel sooner, not much more.
/// - **Few ratings:** +5 % when the seller is unrated or has fewer than 5 ratings: there is not enough
///   evidence yet to trust them, nor to judge their average.
/// - **Low rating:** with 5 ratings or more, +1 % per tenth of a star below 4.0 stars (3.7 → +3 %), at most
///   +20 %. With fewer ratings the flat +5 % above stands in for it, so one early 1-star review cannot bury a
///   new seller.
///
/// The penalties add up and are applied once, rounded half to even: `score = landed × (100 % + Σ penalties)`.
/// Ties go to fewer handling days, then the higher rating (unrated last), then the smaller offer ID, so the
/// ranking is deterministic and does not depend on the order the offers were loaded in.
///
/// **Eligible** to win: a new item, in stock, from an active seller (approved and not on holiday), priced in
/// the ranking currency, with price and shipping in one currency and not negative. Ineligible offers are
/// still listed, after the eligible ones, with a `"not eligible: …"` reason for each failed condition.
///
/// **Currency.** Prices of different currencies are not comparable without a rate, which is not the buy
/// box's decision. ``rank(_:in:)`` ranks in the shopper's currency; ``rank(_:)`` picks the currency most
/// otherwise-eligible offers are in (ties: the smaller currency code), not the first one it meets, so the
/// result does not depend on the input order. Offers in other currencies are ineligible.
public enum BuyBox {
    /// Handling days included in the landed price without a penalty.
    public static let includedHandlingDays = 2
    public static let handlingPenaltyPerDay = 100
    public static let maximumHandlingPenalty = 1_000
    /// Ratings needed before the average counts.
    public static let trustedRatingCount = 5
    public static let fewRatingsPenalty = 500
    /// 4.00 stars, × 100 like ``BuyBoxCandidate/ratingAverage``.
    public static let goodRating = 400
    /// Basis points per hundredth of a star below ``goodRating``: +1 % per tenth of a star.
    public static let lowRatingPenaltyPerHundredth = 10
    public static let maximumLowRatingPenalty = 2_000

    /// Every candidate in display order: eligible ones by score (the first is the buy-box winner), then the
    /// ineligible ones (still shown to shoppers as "other offers"), those in the ranking currency first.
    public static func rank(_ candidates: [BuyBoxCandidate]) -> [BuyBoxEntry] {
        guard let currency = rankingCurrency(candidates) else { return [] }
        return rank(candidates, in: currency)
    }

    /// Ranks in `currency`, the shopper's; offers priced in any other currency are ineligible.
    public static func rank(_ candidates: [BuyBoxCandidate], in currency: Currency) -> [BuyBoxEntry] {
        let scored = candidates.map { ScoredOffer($0, currency: currency) }
        return scored.sorted(by: ScoredOffer.displayOrder).map(\.entry)
    }

    /// The offer that wins the buy box, or `nil` when no offer is eligible.
    public static func winner(_ candidates: [BuyBoxCandidate]) -> BuyBoxEntry? {
        rank(candidates).first.flatMap { $0.eligible ? $0 : nil }
    }

    public static func winner(_ candidates: [BuyBoxCandidate], in currency: Currency) -> BuyBoxEntry? {
        rank(candidates, in: currency).first.flatMap { $0.eligible ? $0 : nil }
    }

    /// The currency ``rank(_:)`` ranks in: the one most otherwise-eligible candidates are priced in, ties to
    /// the smaller code; when none is otherwise eligible, the same over all candidates; `nil` for none.
    public static func rankingCurrency(_ candidates: [BuyBoxCandidate]) -> Currency? {
        let eligibleAside = candidates.filter { ScoredOffer.ineligibility($0, currency: $0.price.currency).isEmpty }
        return mostCommonCurrency(eligibleAside.isEmpty ? candidates : eligibleAside)
    }

    private static func mostCommonCurrency(_ candidates: [BuyBoxCandidate]) -> Currency? {
        var counts: [Currency: Int] = [:]
        for candidate in candidates { counts[candidate.price.currency, default: 0] += 1 }
        return counts.min { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key.code < rhs.key.code
        }?.key
    }
}
