extension Money {
    /// Divides the amount in proportion to `ratios` so that the parts add up to exactly `self`.
    ///
    /// Largest-remainder method: every part first gets its share rounded toward zero, then the minor units
    /// left over go one each to the parts with the largest remainders, earliest part first on ties. That
    /// keeps every part within one minor unit of its exact share and makes the result deterministic, so a
    /// refund split recomputed tomorrow matches today's. Negative amounts are split as the mirror image of
    /// the positive amount.
    ///
    /// Ratios must be non-negative with a positive sum; a zero ratio always gets zero.
    public func allocated(_ ratios: [Int64]) throws(MoneyError) -> [Money] {
        guard !ratios.isEmpty else { throw .invalidAllocation("at least one ratio is needed") }
        var total: Int128 = 0
        for ratio in ratios {
            guard ratio >= 0 else { throw .invalidAllocation("ratios must not be negative") }
            total += Int128(ratio)
        }
        guard total > 0 else { throw .invalidAllocation("the ratios must not all be zero") }

        // Work on the magnitude (|Int64.min| fits in 128 bits), then restore the sign per part.
        let magnitude = Int128(amount.magnitude)
        var parts = ratios.map { magnitude * Int128($0) / total }
        var leftover = magnitude - parts.reduce(0, +)
        if leftover > 0 {
            let remainders = ratios.map { magnitude * Int128($0) % total }
            let byLargestRemainder = remainders.indices.sorted { lhs, rhs in
                remainders[lhs] != remainders[rhs] ? remainders[lhs] > remainders[rhs] : lhs < rhs
            }
            // The remainders sum to `leftover × total` and each is below `total`, so more than `leftover`
            // of them are positive: zero-ratio parts never receive a unit.
            for index in byLargestRemainder where leftover > 0 {
                parts[index] += 1
                leftover -= 1
            }
        }
        return parts.map { part in
            // Each part is at most |amount|, so it fits once the sign is back.
            Money(minorUnits: Int64(truncatingIfNeeded: isNegative ? -part : part), currency: currency)
        }
    }

    /// Splits into `parts` amounts that differ by at most one minor unit, the larger ones first:
    /// 10.00 EUR into 3 is 3.34 + 3.33 + 3.33, and -10.00 EUR is -3.34 + -3.33 + -3.33.
    public func split(into parts: Int) throws(MoneyError) -> [Money] {
        guard parts > 0 else { throw .invalidAllocation("the number of parts must be positive") }
        let count = Int128(parts)
        let magnitude = Int128(amount.magnitude)
        let share = magnitude / count
        let extra = Int(magnitude % count)  // < parts, so it fits in Int
        return (0..<parts).map { index in
            let part = index < extra ? share + 1 : share
            return Money(minorUnits: Int64(truncatingIfNeeded: isNegative ? -part : part), currency: currency)
        }
    }
}
