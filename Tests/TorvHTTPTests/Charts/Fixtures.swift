@testable import TorvHTTP

enum Fixtures {
    /// Formats minor units as euros ("€1,234.50") the way a caller would, so the charts never format money.
    static func euros(_ minor: Int) -> String {
        let sign = minor < 0 ? "-" : ""
        let cents = minor.magnitude % 100
        return "\(sign)€\(grouped(minor.magnitude / 100)).\(cents < 10 ? "0" : "")\(cents)"
    }

    static func grouped(_ value: UInt) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index).isMultiple(of: 3) { out += "," }
            out.append(digit)
        }
        return out
    }

    static func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(value.magnitude)
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func dayLabels(_ count: Int, startingDay: Int = 1) -> [String] {
        (0..<count).map { index in
            let day = startingDay + index
            return "\(weekdays[index % 7]) \((day - 1) % 30 + 1) \(day <= 30 ? "Nov" : "Dec")"
        }
    }

    static let revenue = ChartSeries(
        name: "This week",
        points: zip(dayLabels(7, startingDay: 30), [123450, 98000, 143210, 0, 187600, 210500, 164000]).map {
            ChartPoint(label: $0, value: $1)
        })

    static let lastWeek = ChartSeries(
        name: "Last week",
        points: zip(dayLabels(7, startingDay: 23), [110000, 105500, 120000, 99000, 150000, 230000, 140000]).map {
            ChartPoint(label: $0, value: $1)
        })

    static func lineChart(id: String = "revenue") -> LineChart {
        LineChart(
            id: id, title: "Revenue, last 7 days", series: revenue, comparison: lastWeek, formatValue: euros)
    }

    static let orderCounts = [
        12, 18, 9, 0, 22, 31, 27, 14, 16, 19, 0, 25, 29, 33, 21, 17, 15, 0, 24, 26, 30, 28, 13, 11, 20, 23, 35, 32, 18,
        7,
    ]

    static func barChart(id: String = "orders") -> BarChart {
        let labels = dayLabels(orderCounts.count, startingDay: 7)
        return BarChart(
            id: id, title: "Orders per day, last 30 days",
            bars: zip(labels, orderCounts).map { ChartPoint(label: $0, value: $1) },
            highlightedIndex: orderCounts.count - 1, formatValue: count)
    }

    static let stages = [
        FunnelStage(name: "Visited the shop", count: 12840),
        FunnelStage(name: "Viewed a product", count: 7021),
        FunnelStage(name: "Added to cart", count: 1530),
        FunnelStage(name: "Started checkout", count: 702),
        FunnelStage(name: "Paid", count: 301),
    ]

    static func funnelChart(id: String = "funnel") -> FunnelChart {
        FunnelChart(id: id, title: "Conversion funnel, last 7 days", stages: stages, formatCount: count)
    }
}
