/// A line chart of one series over categories (days, weeks), optionally against a dashed comparison series
/// aligned by position, e.g. this week against last week.
struct LineChart: Sendable {
    var id: String
    var title: String
    /// The `<desc>` text; when nil a one-sentence summary of the range and extremes is written instead.
    var summary: String?
    var series: ChartSeries
    var comparison: ChartSeries?
    var width: Int
    var height: Int
    var maxXLabels: Int
    var formatValue: @Sendable (Int) -> String

    init(
        id: String, title: String, summary: String? = nil, series: ChartSeries, comparison: ChartSeries? = nil,
        width: Int = 640, height: Int = 240, maxXLabels: Int = 8,
        formatValue: @escaping @Sendable (Int) -> String = { String($0) }
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.series = series
        self.comparison = comparison
        self.width = width
        self.height = height
        self.maxXLabels = maxXLabels
        self.formatValue = formatValue
    }

    /// The inline `<svg>` element, deterministic for the same input.
    var svg: String {
        let width = max(width, ChartLayout.minimumWidth)
        let height = max(height, ChartLayout.minimumHeight)
        let all = series.points + (comparison?.points ?? [])
        let ticks = ChartAxis.ticks(forMax: all.map(\.value).max() ?? 0, label: formatValue)
        let labels = series.points.map(\.label)
        let area = PlotArea(
            left: max(24, ChartLayout.widestLabel(ticks.map(\.label)) + 10),
            top: comparison == nil ? 12 : 30,
            right: Double(width) - 8,
            bottom: Double(height) - 24
        )
        let scale = ValueScale(ticks: ticks, area: area)
        let slots = max(series.points.count, comparison?.points.count ?? 0)
        // Inset so the first and last x labels, centred on their points, stay inside the viewBox.
        let inset = min(max(8, ChartLayout.widestLabel(labels) / 2 - 6), area.width / 4)
        let span = area.width - 2 * inset
        let x = { (index: Int) -> Double in
            slots < 2 ? area.left + area.width / 2 : area.left + inset + span * Double(index) / Double(slots - 1)
        }

        return ChartLayout.document(
            id: id, kind: "line", width: width, height: height, title: title, summary: summary ?? defaultSummary
        ) { svg in
            scale.drawGrid(into: &svg)
            let shown = ChartLayout.labelledIndices(
                count: labels.count, spacing: slots < 2 ? area.width : span / Double(slots - 1),
                labelWidth: ChartLayout.widestLabel(labels), maxLabels: maxXLabels, anchor: labels.count - 1)
            for index in shown {
                svg.label("chart-axis-label chart-axis-label--x", x: x(index), y: Double(height) - 8, labels[index])
            }
            if let note = ChartLayout.note(pointCount: all.count, ticks: ticks, formatValue: formatValue) {
                svg.label("chart-empty", x: area.left + area.width / 2, y: area.top + area.height / 2, note)
            }
            if let comparison {
                drawLegend(into: &svg, right: area.right, comparison: comparison)
                draw(comparison, variant: "comparison", into: &svg, x: x, scale: scale)
            }
            draw(series, variant: "primary", into: &svg, x: x, scale: scale)
        }
    }

    private func draw(
        _ series: ChartSeries, variant: String, into svg: inout SVGWriter, x: (Int) -> Double, scale: ValueScale
    ) {
        let points = series.points.enumerated().map { (x: x($0.offset), y: scale.y($0.element.value)) }
        svg.polyline("chart-line chart-line--\(variant)", points: points)
        for (point, position) in zip(series.points, points) {
            let tooltip = "\(series.name), \(point.label): \(formatValue(point.value))"
            svg.tooltipGroup("chart-point chart-point--\(variant)", tooltip: tooltip) { group in
                // The invisible larger circle is the hover target; a 4-unit marker is too small to find.
                group.circle("chart-hit", cx: position.x, cy: position.y, r: 8)
                group.circle("chart-marker", cx: position.x, cy: position.y, r: 4)
            }
        }
    }

    /// Solid and dashed need a key; a single series is named by the chart title instead.
    private func drawLegend(into svg: inout SVGWriter, right: Double, comparison: ChartSeries) {
        var end = right
        for (name, variant) in [(comparison.name, "comparison"), (series.name, "primary")] {
            // Clamped so very long series names overlap each other rather than leave the viewBox.
            let start = max(30, end - ChartLayout.estimatedWidth(name))
            svg.label("chart-legend", x: start, y: 14, name)
            svg.line("chart-line chart-line--\(variant)", x1: start - 24, y1: 10, x2: start - 6, y2: 10)
            end = start - 40
        }
    }

    private var defaultSummary: String {
        let points = series.points
        guard let first = points.first, let last = points.last,
            let high = points.max(by: { $0.value < $1.value }), let low = points.min(by: { $0.value < $1.value })
        else { return "\(series.name): no data." }
        return "\(series.name), \(points.count) points from \(first.label) to \(last.label). "
            + "Highest \(formatValue(high.value)) on \(high.label), lowest \(formatValue(low.value)) on \(low.label)."
    }
}
