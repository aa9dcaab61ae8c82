/// Vertical bars, one per category, with an optional highlighted bar (e.g. today).
struct BarChart: Sendable {
    var id: String
    var title: String
    /// The `<desc>` text; when nil a one-sentence summary of the range and extremes is written instead.
    var summary: String?
    var bars: [ChartPoint]
    var highlightedIndex: Int?
    var width: Int
    var height: Int
    var maxXLabels: Int
    var formatValue: @Sendable (Int) -> String

    init(
        id: String, title: String, summary: String? = nil, bars: [ChartPoint], highlightedIndex: Int? = nil,
        width: Int = 640, height: Int = 240, maxXLabels: Int = 12,
        formatValue: @escaping @Sendable (Int) -> String = { String($0) }
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.bars = bars
        self.highlightedIndex = highlightedIndex
        self.width = width
        self.height = height
        self.maxXLabels = maxXLabels
        self.formatValue = formatValue
    }

    /// The inline `<svg>` element, deterministic for the same input.
    var svg: String {
        let width = max(width, ChartLayout.minimumWidth)
        let height = max(height, ChartLayout.minimumHeight)
        let ticks = ChartAxis.ticks(forMax: bars.map(\.value).max() ?? 0, label: formatValue)
        // Side margins leave room for the first and last category labels, which are centred on their bars.
        let halfLabel = ChartLayout.widestLabel(bars.map(\.label)) / 2
        let area = PlotArea(
            left: max(24, ChartLayout.widestLabel(ticks.map(\.label)) + 10, min(halfLabel - 4, Double(width) / 4)),
            top: 20,
            right: Double(width) - max(8, min(halfLabel - 4, Double(width) / 4)),
            bottom: Double(height) - 24
        )
        let scale = ValueScale(ticks: ticks, area: area)
        let slot = area.width / Double(max(bars.count, 1))
        let valueLabels = bars.map { formatValue($0.value) }
        // Crowded charts keep only the highlighted bar's value label; the others remain in the tooltips.
        let labelAll = ChartLayout.widestLabel(valueLabels) + 2 <= slot
        let highlight = highlightedIndex.flatMap { bars.indices.contains($0) ? $0 : nil }

        return ChartLayout.document(
            id: id, kind: "bar", width: width, height: height, title: title, summary: summary ?? defaultSummary
        ) { svg in
            scale.drawGrid(into: &svg)
            if let note = ChartLayout.note(pointCount: bars.count, ticks: ticks, formatValue: formatValue) {
                svg.label("chart-empty", x: area.left + area.width / 2, y: area.top + area.height / 2, note)
            }
            for (index, bar) in bars.enumerated() {
                let slotLeft = area.left + slot * Double(index)
                let isHighlighted = index == highlight
                let tooltip = "\(bar.label): \(valueLabels[index])"
                svg.tooltipGroup(isHighlighted ? "chart-bar chart-bar--highlight" : "chart-bar", tooltip: tooltip) {
                    drawBar(into: &$0, value: bar.value, slotLeft: slotLeft, slot: slot, scale: scale)
                }
                if labelAll || isHighlighted {
                    let half = ChartLayout.estimatedWidth(valueLabels[index]) / 2
                    let centre = min(max(slotLeft + slot / 2, half), Double(width) - half)
                    svg.label("chart-value-label", x: centre, y: scale.y(bar.value) - 4, valueLabels[index])
                }
            }
            drawCategoryLabels(
                into: &svg, area: area, slot: slot, anchor: highlight ?? bars.count - 1, width: Double(width))
        }
    }

    private func drawBar(into group: inout SVGWriter, value: Int, slotLeft: Double, slot: Double, scale: ValueScale) {
        let area = scale.area
        // The whole column is the hover target, so thin bars and zero bars are as easy to point at as tall ones.
        group.rect("chart-hit", x: slotLeft, y: area.top, width: slot, height: area.height)
        let barWidth = max(1, slot * 0.7)
        let barLeft = slotLeft + (slot - barWidth) / 2
        // At least 2 units: a zero or tiny bar still shows as a marker on the baseline (whose stroke would hide
        // half of a 1-unit one), where a gap would look like missing data.
        let barHeight = max(2, area.bottom - scale.y(value))
        let cssClass = value > 0 ? "chart-bar-fill" : "chart-bar-fill chart-bar-fill--zero"
        group.rect(cssClass, x: barLeft, y: area.bottom - barHeight, width: barWidth, height: barHeight)
    }

    private func drawCategoryLabels(
        into svg: inout SVGWriter, area: PlotArea, slot: Double, anchor: Int, width: Double
    ) {
        let labels = bars.map(\.label)
        let shown = ChartLayout.labelledIndices(
            count: labels.count, spacing: slot, labelWidth: ChartLayout.widestLabel(labels),
            maxLabels: maxXLabels, anchor: anchor)
        for index in shown {
            let half = ChartLayout.estimatedWidth(labels[index]) / 2
            let centre = min(max(area.left + slot * (Double(index) + 0.5), half), width - half)
            let cssClass =
                index == highlightedIndex
                ? "chart-axis-label chart-axis-label--x chart-axis-label--highlight"
                : "chart-axis-label chart-axis-label--x"
            svg.label(cssClass, x: centre, y: area.bottom + 16, labels[index])
        }
    }

    private var defaultSummary: String {
        guard let first = bars.first, let last = bars.last,
            let high = bars.max(by: { $0.value < $1.value }), let low = bars.min(by: { $0.value < $1.value })
        else { return "No data." }
        return "\(bars.count) bars from \(first.label) to \(last.label). "
            + "Highest \(formatValue(high.value)) on \(high.label), lowest \(formatValue(low.value)) on \(low.label)."
    }
}
