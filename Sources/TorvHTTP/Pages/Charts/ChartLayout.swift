/// Geometry and framing shared by the charts. The server has no font metrics, so text is measured by estimate,
/// and the estimate is deliberately wide so that labels err towards spacing rather than overlap.
enum ChartLayout {
    /// Must match `font-size` for `.chart text` in charts.css; the estimates below depend on it.
    static let fontSize = 11.0
    static let minimumWidth = 200
    static let minimumHeight = 120

    static func estimatedWidth(_ text: String) -> Double {
        Double(text.count) * fontSize * 0.62
    }

    static func widestLabel(_ texts: [String]) -> Double {
        texts.map(estimatedWidth).max() ?? 0
    }

    /// Ids end up in `aria-labelledby`, a space-separated list, so anything but [A-Za-z0-9_-] would break it.
    static func sanitizedID(_ raw: String) -> String {
        let allowed = raw.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": String(scalar)
            default: "-"
            }
        }.joined()
        guard let first = allowed.unicodeScalars.first, !("0"..."9").contains(first), first != "-" else {
            return "chart-" + allowed
        }
        return allowed
    }

    /// The `<svg>` root: no width/height attributes, so CSS sizes it and the viewBox keeps the aspect ratio.
    static func document(
        id: String, kind: String, width: Int, height: Int, title: String, summary: String,
        body: (inout SVGWriter) -> Void
    ) -> String {
        let base = sanitizedID(id)
        var writer = SVGWriter()
        let attributes: KeyValuePairs<String, String?> = [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "chart chart--\(kind)",
            "viewBox": "0 0 \(width) \(height)",
            "role": "img",
            "aria-labelledby": "\(base)-title \(base)-desc",
        ]
        writer.element("svg", attributes) { svg in
            svg.textElement("title", ["id": "\(base)-title"], text: title)
            svg.textElement("desc", ["id": "\(base)-desc"], text: summary)
            body(&svg)
        }
        return writer.markup
    }

    /// Centred text for a plot with nothing to show, so a blank plot reads as "no data" or "all zero" rather than
    /// as a rendering fault.
    static func note(pointCount: Int, ticks: [AxisTick], formatValue: (Int) -> String) -> String? {
        if pointCount == 0 { return "No data" }
        return (ticks.last?.value ?? 0) > 0 ? nil : "No values above \(formatValue(0))"
    }

    /// Indices of the category labels to draw: evenly spaced, never closer than a label's width, at most
    /// `maxLabels`, and always including `anchor` (today, or the last point) because that is the one people look for.
    static func labelledIndices(
        count: Int, spacing: Double, labelWidth: Double, maxLabels: Int, anchor: Int
    ) -> [Int] {
        guard count > 0 else { return [] }
        let byCount = (count - 1) / max(1, maxLabels) + 1
        let bySpace = spacing > 0 ? Int(((labelWidth + 8) / spacing).rounded(.up)) : count
        let step = max(1, byCount, min(bySpace, count))
        let anchor = min(max(anchor, 0), count - 1)
        return (0..<count).filter { (anchor - $0).isMultiple(of: step) }
    }
}

/// The rectangle that values are drawn in, inside the margins for axis labels.
struct PlotArea {
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// Maps values to y coordinates against the top tick and draws the gridlines with their labels.
struct ValueScale {
    let ticks: [AxisTick]
    let area: PlotArea

    /// Negative values are clamped to the baseline: these charts show counts and takings, not signed deltas.
    func y(_ value: Int) -> Double {
        let top = ticks.last?.value ?? 0
        guard top > 0 else { return area.bottom }
        let clamped = min(max(value, 0), top)
        return area.bottom - Double(clamped) / Double(top) * area.height
    }

    func drawGrid(into writer: inout SVGWriter) {
        for tick in ticks {
            let y = y(tick.value)
            writer.line(tick.value == 0 ? "chart-baseline" : "chart-grid", x1: area.left, y1: y, x2: area.right, y2: y)
            // Offset by about a third of the font size so the label sits centred on its gridline.
            writer.label("chart-axis-label chart-axis-label--y", x: area.left - 6, y: y + 4, tick.label)
        }
    }
}
