import Testing

@testable import TorvHTTP

@Suite("Bar chart")
struct BarChartTests {
    private func fills(_ chart: BarChart) throws -> [SVGElement] {
        try ParsedSVG(chart.svg).elements(named: "rect").filter { $0.classes.contains("chart-bar-fill") }
    }

    @Test(arguments: [(50, 100), (617, 1234), (1, 2), (250, 1000)])
    func heightsAreProportionalToValues(value: Int, max: Int) throws {
        let chart = BarChart(
            id: "b", title: "t", bars: [ChartPoint(label: "a", value: value), ChartPoint(label: "b", value: max)])
        let heights = try fills(chart).compactMap { $0.number("height") }
        try #require(heights.count == 2)
        let top = ChartAxis.tickValues(forMax: max).last ?? 1
        let plotHeight = 240.0 - 24 - 20
        #expect(abs(heights[0] - plotHeight * Double(value) / Double(top)) <= 0.05)
        #expect(abs(heights[0] / heights[1] - Double(value) / Double(max)) <= 0.01)
    }

    @Test func barsStandOnTheBaseline() throws {
        for fill in try fills(Fixtures.barChart()) {
            let bottom = (fill.number("y") ?? 0) + (fill.number("height") ?? 0)
            #expect(abs(bottom - (240 - 24)) <= 0.1)
        }
    }

    @Test func zeroBarsGetAMarkerAndAFullHeightHoverTarget() throws {
        let chart = BarChart(
            id: "z", title: "t", bars: [ChartPoint(label: "a", value: 0), ChartPoint(label: "b", value: 5)])
        let parsed = try ParsedSVG(chart.svg)
        let zero = parsed.elements(named: "rect").filter { $0.classes.contains("chart-bar-fill--zero") }
        #expect(zero.count == 1)
        #expect(zero.first?.number("height") == 2)
        let hits = parsed.elements(named: "rect").filter { $0.classes.contains("chart-hit") }
        #expect(hits.count == 2)
        #expect(hits.allSatisfy { $0.number("height") == 240 - 24 - 20 })
    }

    @Test func allZeroDataDrawsAFlatChartWithAZeroAxis() throws {
        let bars = (0..<7).map { ChartPoint(label: "d\($0)", value: 0) }
        let chart = BarChart(id: "z", title: "t", bars: bars, formatValue: Fixtures.euros)
        let parsed = try ParsedSVG(chart.svg)
        #expect(parsed.elements(named: "rect").filter { $0.classes.contains("chart-bar-fill--zero") }.count == 7)
        let yLabels = parsed.elements(named: "text").filter { $0.classes.contains("chart-axis-label--y") }
        #expect(yLabels.map(\.text) == ["€0.00"])
        #expect(parsed.elements(named: "text").contains { $0.text == "No values above €0.00" })
    }

    @Test func highlightedBarIsMarkedAndItsLabelAlwaysShown() throws {
        let bars = (0..<60).map { ChartPoint(label: "Day \($0)", value: $0 * 1000) }
        let chart = BarChart(id: "h", title: "t", bars: bars, highlightedIndex: 41)
        let parsed = try ParsedSVG(chart.svg)
        #expect(chart.svg.occurrences(of: "chart-bar--highlight") == 1)
        let xLabels = parsed.elements(named: "text").filter { $0.classes.contains("chart-axis-label--x") }
        #expect(xLabels.contains { $0.text == "Day 41" && $0.classes.contains("chart-axis-label--highlight") })
        #expect(xLabels.count <= 12)
        // 60 bars are too narrow for every value label: only the highlighted one keeps its label.
        let values = parsed.elements(named: "text").filter { $0.classes.contains("chart-value-label") }
        #expect(values.map(\.text) == ["41000"])
    }

    @Test func outOfRangeHighlightIsIgnored() {
        let chart = BarChart(id: "h", title: "t", bars: [ChartPoint(label: "a", value: 1)], highlightedIndex: 5)
        #expect(!chart.svg.contains("chart-bar--highlight"))
    }
}
