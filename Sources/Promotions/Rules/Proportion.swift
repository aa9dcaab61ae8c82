import TorvCore

/// Integer proportions of minor units with one explicit rounding, shared by every action.
enum Proportion {
    /// `value × numerator ÷ denominator` for non-negative inputs, rounded half-to-even exactly once.
    ///
    /// The product is taken in 256 bits (full-width 128 × 128), because a line worth Int64.max times a
    /// quantity times 10000 basis points exceeds 128 bits. Callers keep `numerator ≤ denominator`, so the
    /// quotient never exceeds `value` and always fits.
    static func halfEven(_ value: Int128, times numerator: Int128, over denominator: Int128) -> Int128 {
        precondition(value >= 0 && numerator >= 0 && denominator > 0 && numerator <= denominator)
        let product = value.multipliedFullWidth(by: numerator)
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        // remainder < denominator ≤ 2^127, so doubling fits once taken as an unsigned magnitude.
        let twice = remainder.magnitude * 2
        let roundsUp = twice > denominator.magnitude || (twice == denominator.magnitude && quotient % 2 != 0)
        return roundsUp ? quotient + 1 : quotient
    }

    /// Splits `amount` over `ratios` by largest remainder, so the parts add up to exactly `amount` and none
    /// exceeds its ratio when `amount ≤ sum(ratios)`.
    static func allocate(_ amount: Int64, over ratios: [Int64], in currency: Currency) -> [Int64] {
        guard amount > 0, ratios.contains(where: { $0 > 0 }) else { return ratios.map { _ in 0 } }
        // `allocated` throws only for empty, negative or all-zero ratios, which the guard above rules out
        // (ratios are remaining amounts, never negative); the fallback is unreachable.
        let parts = (try? Money(minorUnits: amount, currency: currency).allocated(ratios)) ?? []
        return parts.count == ratios.count ? parts.map(\.amount) : ratios.map { _ in 0 }
    }
}
