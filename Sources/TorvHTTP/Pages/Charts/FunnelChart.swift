/// One step of a conversion funnel, e.g. ("Added to cart", 1_234).
struct FunnelStage: Sendable, Equatable {
    var name: String
    var count: Int

    init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// A stage with its conversion figures: the data behind one funnel bar, for the table beside the chart.
struct FunnelRow: Sendable, Equatable {
    let stage: FunnelStage
    /// Undefined (an em dash) for the first stage, which has no previous one.
    let fromPrevious: ConversionRate
    let fromFirst: ConversionRate

    /// Rows for stages in funnel order.
    static func rows(for stages: [FunnelStage]) -> [FunnelRow] {
        let first = stages.first?.count ?? 0
        return stages.enumerated().map { index, stage in
            FunnelRow(
                stage: stage,
                fromPrevious: ConversionRate(stage.count, of: index == 0 ? 0 : stages[index - 1].count),
                fromFirst: ConversionRate(stage.count, of: first))
        }
    }
}

/// Centred horizontal bars whose widths shrink with the count, each with its count and conversion figures.
struct FunnelChart: Sendable {
    var id: String
    var title: String
    /// The `<desc>` text; when nil a one-sentence summary of the first and last stage is written instead.
    var summary: String?
    var stages: [FunnelStage]
    var width: Int
    var formatCount: @Sendable (Int) -> String

    private static let rowHeight = 44.0
    private static let padding = 8.0

    init(
        id: String, title: String, summary: String? = nil, stages: [FunnelStage], width: Int = 640,
        formatCount: @escaping @Sendable (Int) -> String = { String($0) }
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.stages = stages
        self.width = width
        self.formatCount = formatCount
    }

    var rows: [FunnelRow] { FunnelRow.rows(for: stages) }

    /// Grows with the number of stages so every row keeps a readable height; the viewBox uses it.
    var height: Int {
        Int(Self.padding * 2 + Self.rowHeight * Double(max(stages.count, 1)))
    }

    /// The inline `<svg>` element, deterministic for the same input.
    var svg: String {
        let width = Double(max(width, ChartLayout.minimumWidth))
        let largest = max(stages.map(\.count).max() ?? 0, 0)
        return ChartLayout.document(
            id: id, kind: "funnel", width: Int(width), height: height, title: title,
            summary: summary ?? defaultSummary
        ) { svg in
            if stages.isEmpty {
                svg.label("chart-empty", x: width / 2, y: Double(height) / 2, "No data")
            }
            for (index, row) in rows.enumerated() {
                let top = Self.padding + Self.rowHeight * Double(index)
                svg.tooltipGroup("chart-funnel-stage", tooltip: "\(row.stage.name): \(figures(row, index: index))") {
                    group in
                    group.rect("chart-hit", x: 0, y: top, width: width, height: Self.rowHeight)
                    let share = largest > 0 ? Double(max(row.stage.count, 0)) / Double(largest) : 0
                    // At least one unit wide, so an empty stage still shows where its bar would be.
                    let barWidth = max(1, share * width)
                    group.rect("chart-funnel-bar", x: (width - barWidth) / 2, y: top + 20, width: barWidth, height: 18)
                    group.label("chart-funnel-name", x: 0, y: top + 14, row.stage.name)
                    group.label("chart-funnel-figures", x: width, y: top + 14, figures(row, index: index))
                }
            }
        }
    }

    private func figures(_ row: FunnelRow, index: Int) -> String {
        let count = formatCount(row.stage.count)
        guard index > 0 else { return count }
        return "\(count) \u{00B7} \(row.fromPrevious.text) of previous \u{00B7} \(row.fromFirst.text) of first"
    }

    private var defaultSummary: String {
        guard let first = stages.first, let last = stages.last, let lastRow = rows.last else { return "No data." }
        return "\(stages.count) stages from \(first.name) (\(formatCount(first.count))) "
            + "to \(last.name) (\(formatCount(last.count))), \(lastRow.fromFirst.text) of the first stage."
    }
}
