import Testing

@testable import TorvHTTP

@Suite("Line chart")
struct LineChartTests {
    @Test(arguments: [1, 2, 7, 14, 31, 60, 365])
    func xLabelsNeverOverlapAndIncludeTheLatest(count: Int) throws {
        let labels = Fixtures.dayLabels(count)
        let series = ChartSeries(name: "Revenue", points: labels.map { ChartPoint(label: $0, value: 100) })
        let chart = LineChart(id: "l", title: "t", series: series, maxXLabels: 8)
        let shown = try ParsedSVG(chart.svg).elements(named: "text").filter {
            $0.classes.contains("chart-axis-label--x")
        }
        #expect(shown.count <= 8)
        #expect(shown.last?.text == labels.last)
        let xs = shown.compactMap { $0.number("x") }
        for (left, right) in zip(xs, xs.dropFirst()) {
            #expect(right - left >= ChartLayout.widestLabel(labels))
        }
    }

    @Test func comparisonIsDashedAndInTheLegend() throws {
        let parsed = try ParsedSVG(Fixtures.lineChart().svg)
        let lines = parsed.elements(named: "polyline").map(\.classes)
        #expect(lines == [["chart-line", "chart-line--comparison"], ["chart-line", "chart-line--primary"]])
        let legend = parsed.elements(named: "text").filter { $0.classes.contains("chart-legend") }.map(\.text)
        #expect(legend == ["Last week", "This week"])
    }

    @Test func tooltipsNameTheSeriesLabelAndFormattedValue() {
        let svg = Fixtures.lineChart().svg
        #expect(svg.contains("<title>This week, Mon 30 Nov: €1,234.50</title>"))
        #expect(svg.contains("<title>Last week, Mon 23 Nov: €1,100.00</title>"))
    }

    @Test func allZeroSeriesSitsOnTheBaseline() throws {
        let series = ChartSeries(name: "s", points: (0..<5).map { ChartPoint(label: "\($0)", value: 0) })
        let parsed = try ParsedSVG(LineChart(id: "z", title: "t", series: series).svg)
        let ys = Set(parsed.elements(named: "circle").compactMap { $0.number("cy") })
        #expect(ys == Set<Double>([216]))
    }

    @Test func emptySeriesSaysSo() throws {
        let chart = LineChart(id: "e", title: "t", series: ChartSeries(name: "s", points: []))
        let parsed = try ParsedSVG(chart.svg)
        #expect(parsed.elements(named: "text").contains { $0.text == "No data" })
        #expect(chart.svg.contains("<desc id=\"e-desc\">s: no data.</desc>"))
    }

    @Test func defaultSummaryDescribesTheRange() {
        #expect(
            Fixtures.lineChart().svg.contains(
                "<desc id=\"revenue-desc\">This week, 7 points from Mon 30 Nov to Sun 6 Dec. "
                    + "Highest €2,105.00 on Sat 5 Dec, lowest €0.00 on Thu 3 Dec.</desc>"))
    }
}
