import Testing

@testable import TorvHTTP

@Suite("Conversion percentages")
struct ConversionRateTests {
    @Test(arguments: [
        (3, 7, "42.9 %"),
        (1, 8, "12.5 %"),
        (1, 16, "6.3 %"),
        (1, 3, "33.3 %"),
        (2, 3, "66.7 %"),
        (0, 5, "0.0 %"),
        (5, 5, "100.0 %"),
        (3, 2, "150.0 %"),
        (1, 2000, "0.1 %"),
        (1, 2001, "0.0 %"),
        (7, 0, "\u{2014}"),
        (0, 0, "\u{2014}"),
        (-1, 5, "\u{2014}"),
        (5, -5, "\u{2014}"),
        (Int.max, Int.max, "100.0 %"),
        (Int.max - 1, Int.max, "100.0 %"),
        (Int.max, 1, "\u{2014}"),
    ])
    func text(part: Int, whole: Int, expected: String) {
        #expect(ConversionRate(part, of: whole).text == expected)
    }

    @Test func tenthsAreExposedForTables() {
        #expect(ConversionRate(3, of: 7).tenthsOfPercent == 429)
        #expect(ConversionRate(3, of: 0).tenthsOfPercent == nil)
    }

    @Test func funnelRowsCarryBothConversions() {
        let rows = FunnelRow.rows(for: [
            FunnelStage(name: "Visited", count: 700),
            FunnelStage(name: "Cart", count: 300),
            FunnelStage(name: "Paid", count: 0),
            FunnelStage(name: "Reviewed", count: 0),
        ])
        #expect(rows.map(\.fromPrevious.text) == ["\u{2014}", "42.9 %", "0.0 %", "\u{2014}"])
        #expect(rows.map(\.fromFirst.text) == ["100.0 %", "42.9 %", "0.0 %", "0.0 %"])
        #expect(rows.map(\.stage.name) == ["Visited", "Cart", "Paid", "Reviewed"])
    }

    @Test func emptyFirstStageHasNoConversionFromFirst() {
        let rows = FunnelRow.rows(for: [FunnelStage(name: "A", count: 0), FunnelStage(name: "B", count: 0)])
        #expect(rows.map(\.fromFirst.text) == ["\u{2014}", "\u{2014}"])
    }
}
