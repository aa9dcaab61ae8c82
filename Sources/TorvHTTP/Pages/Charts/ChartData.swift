/// One value with its caller-formatted label, e.g. ("Mon 30 Nov", 123450) for €1,234.50 in minor units.
struct ChartPoint: Sendable, Equatable {
    var label: String
    var value: Int

    init(label: String, value: Int) {
        self.label = label
        self.value = value
    }
}

/// A named run of points; the name prefixes each tooltip and appears in the legend when two series are shown.
struct ChartSeries: Sendable, Equatable {
    var name: String
    var points: [ChartPoint]

    init(name: String, points: [ChartPoint]) {
        self.name = name
        self.points = points
    }
}
