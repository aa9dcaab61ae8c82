/// Percentages held as integer basis points (1250 = 12.5 %), printed the way statements show them.
///
/// Basis points rather than `Double` so a rate read back from the database is exactly the rate that was
/// set, and a fee computed from it rounds once, in ``TorvCore/Money/scaled(by:over:rounding:)``.
enum BasisPoints {
    static let whole = 10_000

    /// `"12.5 %"`, `"12 %"`, `"0.05 %"`: no trailing zeros, so a statement reads like the rate card.
    static func percentText(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let magnitude = basisPoints.magnitude
        var text = String(magnitude / 100)
        let hundredths = magnitude % 100
        if hundredths != 0 {
            var fraction = hundredths < 10 ? "0\(hundredths)" : String(hundredths)
            if fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return sign + text + " %"
    }
}
