import Sellers
import Testing

@Suite("Percentages typed by people, read as basis points")
struct BasisPointsTests {
    @Test(
        "a typed percentage is read exactly",
        arguments: [
            ("12.5", 1_250), ("12,5", 1_250), ("12.5 %", 1_250), ("12%", 1_200), ("0.05", 5), ("0.1", 10),
            ("100", 10_000), (" 7 ", 700), ("0", 0),
        ])
    func reads(typed: String, expected: Int) {
        #expect(BasisPoints.fromPercent(typed) == expected)
    }

    @Test(
        "what is not a percentage with at most two decimals is refused",
        arguments: ["", "%", "-5", "+5", "1.234", "12.", ".5", "twelve", "1e3", "1,2,3", "１２"])
    func refuses(typed: String) {
        #expect(BasisPoints.fromPercent(typed) == nil)
    }

    @Test("a rate printed for a statement reads back to itself", arguments: [0, 5, 10, 99, 1_250, 1_205, 10_000])
    func roundTrip(basisPoints: Int) {
        let printed = BasisPoints.percentText(basisPoints)
        #expect(BasisPoints.fromPercent(printed) == basisPoints, "\(printed)")
    }
}
