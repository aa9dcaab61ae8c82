extension Money {
    /// `amount × numerator ÷ denominator`, rounded once, by an explicit rule.
    ///
    /// For tax and percentages: 19 % VAT is `scaled(by: 19, over: 100)`, 7.7 % is `scaled(by: 77, over: 1000)`.
    /// The product is taken in 128 bits, so no intermediate can overflow; only a final result outside
    /// `Int64` throws `.overflow`. A zero denominator throws `.invalidAllocation`. Signs follow arithmetic
    /// (a negative ratio flips the sign), and rounding applies to the magnitude, so `-x` scales to exactly
    /// `-(x scaled)`.
    public func scaled(
        by numerator: Int64,
        over denominator: Int64,
        rounding: MoneyRounding = .halfEven
    ) throws(MoneyError) -> Money {
        guard denominator != 0 else { throw .invalidAllocation("the denominator must not be zero") }
        let product = Int128(amount) * Int128(numerator)
        let result = Money.divide(product, by: Int128(denominator), rounding: rounding)
        guard let minorUnits = Int64(exactly: result) else { throw .overflow }
        return Money(minorUnits: minorUnits, currency: currency)
    }

    /// Divides with the rounding rule applied to the magnitude of the exact quotient.
    static func divide(_ dividend: Int128, by divisor: Int128, rounding: MoneyRounding) -> Int128 {
        let quotient = dividend / divisor  // truncates toward zero
        let remainder = dividend % divisor
        guard remainder != 0 else { return quotient }

        let awayFromZero: Int128 = (dividend < 0) == (divisor < 0) ? 1 : -1
        // |remainder| < |divisor| <= 2^63, so doubling cannot overflow 128 bits.
        let twiceRemainder = remainder.magnitude * 2
        let divisorMagnitude = divisor.magnitude
        let roundsAway: Bool
        switch rounding {
        case .down:
            roundsAway = false
        case .up:
            roundsAway = true
        case .halfUp:
            roundsAway = twiceRemainder >= divisorMagnitude
        case .halfEven:
            if twiceRemainder == divisorMagnitude {
                roundsAway = quotient % 2 != 0
            } else {
                roundsAway = twiceRemainder > divisorMagnitude
            }
        }
        return roundsAway ? quotient + awayFromZero : quotient
    }
}
