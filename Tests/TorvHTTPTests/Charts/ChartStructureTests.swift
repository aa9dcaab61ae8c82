import Testing

@testable import TorvHTTP

/// The three charts under one interface, so every structural rule is checked against each of them.
enum ChartKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case line
    case bar
    case funnel

    var testDescription: String { rawValue }

    /// A chart of this kind over `labels`, with the number of data points it should carry a tooltip for.
    func render(id: String, labels: [String]) -> (svg: String, points: Int) {
        let values = labels.indices.map { ($0 * 37 + 11) % 90 }
        let points = zip(labels, values).map { ChartPoint(label: $0, value: $1) }
        switch self {
        case .line:
            let comparison = ChartSeries(name: "Last <week>", points: points.reversed())
            let chart = LineChart(
                id: id, title: "Revenue & \"more\"", series: ChartSeries(name: "This 'week'", points: points),
                comparison: comparison, formatValue: Fixtures.euros)
            return (chart.svg, points.count * 2)
        case .bar:
            let chart = BarChart(id: id, title: "Orders <b>", bars: points, highlightedIndex: 0)
            return (chart.svg, points.count)
        case .funnel:
            let stages = zip(labels, values).map { FunnelStage(name: $0, count: $1) }
            return (FunnelChart(id: id, title: "Funnel", stages: stages).svg, stages.count)
        }
    }
}

@Suite("Structure shared by every chart")
struct ChartStructureTests {
    static let hostileLabels = ["<script>alert(1)</script>", "\"&'", "Mon 30 Nov", "]]><!--", "a\u{0}b", "€1,234.50"]

    @Test(arguments: ChartKind.allCases)
    func accessibleRoot(kind: ChartKind) throws {
        let (svg, _) = kind.render(id: "dash-\(kind)", labels: Self.hostileLabels)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart--\(kind)\""))
        #expect(svg.contains(#"role="img""#))
        #expect(svg.contains(#"aria-labelledby="dash-\#(kind)-title dash-\#(kind)-desc""#))
        #expect(svg.contains(#"<title id="dash-\#(kind)-title">"#))
        #expect(svg.contains(#"<desc id="dash-\#(kind)-desc">"#))
        let parsed = try ParsedSVG(svg)
        #expect(parsed.root.attributes["width"] == nil)
        #expect(parsed.root.attributes["height"] == nil)
    }

    @Test(arguments: ChartKind.allCases, [0, 1, 6, 60])
    func oneTooltipPerDataPoint(kind: ChartKind, count: Int) throws {
        let labels = (0..<count).map { Self.hostileLabels[$0 % Self.hostileLabels.count] }
        let (svg, points) = kind.render(id: "c", labels: labels)
        #expect(svg.occurrences(of: "<title") == 1 + points)
        #expect(try ParsedSVG(svg).elements(named: "title").count == 1 + points)
    }

    @Test(arguments: ChartKind.allCases)
    func hostileTextCannotEscapeItsElement(kind: ChartKind) throws {
        let (svg, _) = kind.render(id: "x\" onload=\"alert(1)", labels: Self.hostileLabels)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("style="))
        #expect(!svg.contains("<style"))
        #expect(!svg.contains("<?xml"))
        #expect(!svg.contains(" onload="))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("&quot;&amp;&#39;"))
        _ = try ParsedSVG(svg)
    }

    @Test(arguments: ChartKind.allCases)
    func everyClassIsStyled(kind: ChartKind) throws {
        let stylesheet = PackageFiles.stylesheet
        try #require(!stylesheet.isEmpty, "charts.css not found in Templates/pages")
        let (svg, _) = kind.render(id: "c", labels: Self.hostileLabels)
        for name in try ParsedSVG(svg).classNames where name != "chart--\(kind)" {
            #expect(stylesheet.contains(".\(name)"), "class \(name) has no rule in charts.css")
        }
    }

    @Test(arguments: ChartKind.allCases)
    func sameInputSameBytes(kind: ChartKind) {
        #expect(kind.render(id: "c", labels: Self.hostileLabels) == kind.render(id: "c", labels: Self.hostileLabels))
    }

    @Test func exactGoldenFragments() {
        let svg = Fixtures.barChart().svg
        #expect(svg.contains(#"viewBox="0 0 640 240""#))
        #expect(svg.contains("<g class=\"chart-bar chart-bar--highlight\"><title>Tue 6 Dec: 7</title>"))
        #expect(
            Fixtures.funnelChart().svg.contains(
                "<title>Paid: 301 \u{00B7} 42.9 % of previous \u{00B7} 2.3 % of first</title>"))
    }
}
