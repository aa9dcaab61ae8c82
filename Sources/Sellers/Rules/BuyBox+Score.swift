import TorvCore

/// One candidate with its entry and the keys that order it; see ``BuyBox`` for the rules.
struct ScoredOffer {
    var candidate: BuyBoxCandidate
    var entry: BuyBoxEntry
    var inRankingCurrency: Bool

    init(_ candidate: BuyBoxCandidate, currency: Currency) {
        self.candidate = candidate
        inRankingCurrency = candidate.price.currency == currency
        var notEligible = Self.ineligibility(candidate, currency: currency)

        let landed: Money
        if let sum = try? candidate.price.adding(candidate.shipping) {
            landed = sum
        } else {
            // Mixed currencies are already a reason; an overflow is one of its own.
            landed = candidate.price
            if candidate.price.currency == candidate.shipping.currency { notEligible.append("price out of range") }
        }
        var reasons = ["landed price \(landed)"]

        let penalties = Self.penalties(candidate)
        reasons += penalties.map { "+\(BasisPoints.percentText($0.basisPoints)) \($0.reason)" }
        let total = penalties.map(\.basisPoints).reduce(0, +)
        let score: Int64
        if let scaled = try? landed.scaled(
            by: Int64(BasisPoints.whole + total), over: Int64(BasisPoints.whole), rounding: .halfEven)
        {
            score = scaled.amount
        } else {
            score = .max
            if !notEligible.contains("price out of range") { notEligible.append("price out of range") }
        }
        reasons += notEligible.map { "not eligible: \($0)" }
        entry = BuyBoxEntry(
            offerID: candidate.offerID, landedPrice: landed, score: score, eligible: notEligible.isEmpty,
            reasons: reasons)
    }

    /// Every condition `candidate` fails to win the buy box in `currency`, in words; empty when eligible.
    static func ineligibility(_ candidate: BuyBoxCandidate, currency: Currency) -> [String] {
        var reasons: [String] = []
        if candidate.condition != .new { reasons.append(candidate.condition.rawValue) }
        if candidate.available <= 0 { reasons.append("out of stock") }
        if !candidate.sellerActive { reasons.append("seller inactive") }
        if candidate.price.currency != currency {
            reasons.append("priced in \(candidate.price.currency.code), not \(currency.code)")
        }
        if candidate.shipping.currency != candidate.price.currency {
            reasons.append(
                "shipping in \(candidate.shipping.currency.code), price in \(candidate.price.currency.code)")
        }
        if candidate.price.isNegative || candidate.shipping.isNegative { reasons.append("negative price") }
        return reasons
    }

    /// The percentage penalties in basis points, each with the words shown after it.
    static func penalties(_ candidate: BuyBoxCandidate) -> [(basisPoints: Int, reason: String)] {
        var penalties: [(basisPoints: Int, reason: String)] = []
        let extraDays = max(0, candidate.handlingDays - BuyBox.includedHandlingDays)
        if extraDays > 0 {
            let days = candidate.handlingDays
            penalties.append(
                (
                    min(extraDays * BuyBox.handlingPenaltyPerDay, BuyBox.maximumHandlingPenalty),
                    "handling \(days) day\(days == 1 ? "" : "s")"
                ))
        }
        if let rating = candidate.ratingAverage {
            if candidate.ratingCount < BuyBox.trustedRatingCount {
                let count = candidate.ratingCount
                penalties.append((BuyBox.fewRatingsPenalty, "only \(count) rating\(count == 1 ? "" : "s")"))
            } else if rating < BuyBox.goodRating {
                let penalty = min(
                    (BuyBox.goodRating - rating) * BuyBox.lowRatingPenaltyPerHundredth, BuyBox.maximumLowRatingPenalty)
                penalties.append((penalty, "rating \(ratingText(rating))"))
            }
        } else {
            penalties.append((BuyBox.fewRatingsPenalty, "unrated"))
        }
        return penalties
    }

    /// `465` → `"4.65"`.
    static func ratingText(_ rating: Int) -> String {
        let hundredths = rating.magnitude % 100
        return "\(rating < 0 ? "-" : "")\(rating.magnitude / 100).\(hundredths < 10 ? "0" : "")\(hundredths)"
    }

    /// Eligible first, by score; then the ineligible ones, those in the ranking currency first. Ties go to
    /// fewer handling days, the higher rating (unrated last) and the smaller offer ID; offers alike in all of
    /// that (duplicate IDs, which the store never produces) are ordered by every remaining field, so the
    /// order never depends on the input's.
    static func displayOrder(_ lhs: ScoredOffer, _ rhs: ScoredOffer) -> Bool {
        let left = lhs.candidate
        let right = rhs.candidate
        if lhs.entry.eligible != rhs.entry.eligible { return lhs.entry.eligible }
        if lhs.inRankingCurrency != rhs.inRankingCurrency { return lhs.inRankingCurrency }
        if left.price.currency != right.price.currency { return left.price.currency.code < right.price.currency.code }
        if lhs.entry.score != rhs.entry.score { return lhs.entry.score < rhs.entry.score }
        let leftDays = max(0, left.handlingDays)
        let rightDays = max(0, right.handlingDays)
        if leftDays != rightDays { return leftDays < rightDays }
        let leftRating = left.ratingAverage ?? .min
        let rightRating = right.ratingAverage ?? .min
        if leftRating != rightRating { return leftRating > rightRating }
        if left.offerID != right.offerID { return left.offerID < right.offerID }
        return String(describing: left) < String(describing: right)
    }
}
