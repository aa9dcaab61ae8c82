import Foundation

/// Percentages held as integer basis points (1250 = 12.5 %), printed the way statements show them.
///
/// Basis points rather than `Double` so a rate read back from the database is exactly the rate that was
/// set, and a fee computed from it rounds once, in ``TorvCore/Money/scaled(by:over:rounding:)``.
public enum BasisPoints {
    public static let whole = 10_000

    /// `"12.5 %"`, `"12 %"`, `"0.05 %"`: no trailing zeros, so a statement reads like the rate card.
    public static func percentText(_ basisPoints: Int) -> String {
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

    /// Basis points from a percentage as people type it (`"12.5"`, `"12,5"`, `"12.5 %"`, `"0.05"`), or nil
    /// when it is not a number with at most two decimals. Read exactly: `"0.1"` is 10, never 9.99….
    public static func fromPercent(_ text: String) -> Int? {
        var typed = text.trimmingCharacters(in: .whitespaces)
        if typed.hasSuffix("%") { typed = String(typed.dropLast()).trimmingCharacters(in: .whitespaces) }
        let parts = typed.replacingOccurrences(of: ",", with: ".").split(
            separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 6,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let units = Int(whole)
        else { return nil }
        var hundredths = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(fraction)
            else { return nil }
            hundredths = fraction.count == 1 ? value * 10 : value
        }
        return units * 100 + hundredths
    }
}
