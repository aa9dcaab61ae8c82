/// A ratio as a percentage with one decimal, computed in integers so the figure in the chart and the figure
/// in the table beside it are the same digits on every platform.
struct ConversionRate: Sendable, Equatable {
    /// Tenths of a percent, rounded half up (3 of 7 is 429); nil when the ratio is undefined: a zero or
    /// negative whole, a negative part, or a result too large for Int.
    let tenthsOfPercent: Int?

    init(_ part: Int, of whole: Int) {
        guard part >= 0, whole > 0 else {
            tenthsOfPercent = nil
            return
        }
        // Split into whole multiples and remainder, and take the remainder's share in 128-bit arithmetic,
        // so no intermediate product overflows however large the counts are.
        let quotient = part / whole
        let remainder = part % whole
        let (share, leftover) = whole.dividingFullWidth(remainder.multipliedFullWidth(by: 1000))
        // leftover * 2 >= whole, written so that it cannot overflow.
        let roundsUp = leftover >= whole - leftover
        let (scaled, overflow) = quotient.multipliedReportingOverflow(by: 1000)
        let (total, carry) = scaled.addingReportingOverflow(share + (roundsUp ? 1 : 0))
        tenthsOfPercent = overflow || carry ? nil : total
    }

    /// "42.9 %", or an em dash when undefined.
    var text: String {
        guard let tenthsOfPercent else { return "\u{2014}" }
        return "\(tenthsOfPercent / 10).\(tenthsOfPercent % 10) %"
    }
}
