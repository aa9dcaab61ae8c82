import Testing

@testable import TorvHTTP

/// SplitMix64: tiny and deterministic, so a failing seed replays exactly.
private struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// Mostly ordinary values, with the awkward ones (zero, huge, negative) often enough to matter.
    mutating func value() -> Int {
        switch int(in: 0...9) {
        case 0: 0
        case 1: int(in: -1000...(-1))
        case 2: int(in: 0...Int.max - 1)
        case 3: int(in: 0...3)
        default: int(in: 0...(1 << int(in: 1...40)))
        }
    }

    /// Labels from an alphabet without the letters of "nan" and "inf", so the output can be searched for them.
    mutating func label() -> String {
        let alphabet = Array("0123456789 <>&\"'€-ÄÖDayWkQ/.,🛒")
        return String((0..<int(in: 0...18)).map { _ in alphabet[int(in: 0...(alphabet.count - 1))] })
    }
}

@Suite("Random charts stay inside their viewBox")
struct RandomChartTests {
    @Test(arguments: 0..<4)
    func randomData(batch: Int) throws {
        var random = SplitMix64(seed: 0x70_7276 + UInt64(batch))
        for _ in 0..<60 {
            let width = random.int(in: 100...1400)
            let height = random.int(in: 60...600)
            let points = (0..<random.int(in: 0...60)).map { _ in
                ChartPoint(label: random.label(), value: random.value())
            }
            let other = (0..<random.int(in: 0...60)).map { _ in ChartPoint(label: random.label(), value: random.value())
            }
            let stages = points.map { FunnelStage(name: $0.label, count: $0.value) }
            let charts = [
                LineChart(
                    id: random.label(), title: random.label(),
                    series: ChartSeries(name: random.label(), points: points),
                    comparison: other.isEmpty ? nil : ChartSeries(name: random.label(), points: other),
                    width: width, height: height, maxXLabels: random.int(in: -1...20)
                ).svg,
                BarChart(
                    id: random.label(), title: random.label(), bars: points,
                    highlightedIndex: random.int(in: -2...62), width: width, height: height,
                    maxXLabels: random.int(in: -1...20)
                ).svg,
                FunnelChart(id: random.label(), title: random.label(), stages: stages, width: width).svg,
            ]
            for svg in charts {
                try checkGeometry(svg)
            }
        }
    }

    private func checkGeometry(_ svg: String) throws {
        let lowered = svg.lowercased()
        #expect(!lowered.contains("nan") && !lowered.contains("inf") && !lowered.contains("e+"))
        let parsed = try ParsedSVG(svg)
        let (width, height) = (parsed.width, parsed.height)
        let inX = { (x: Double) in x >= 0 && x <= width }
        let inY = { (y: Double) in y >= 0 && y <= height }
        for element in parsed.elements {
            let n = { (name: String) in element.number(name) }
            for name in ["x", "x1", "x2", "cx"] {
                if let value = n(name) { #expect(inX(value), "\(name)=\(value) outside 0...\(width) in \(svg)") }
            }
            for name in ["y", "y1", "y2", "cy"] {
                if let value = n(name) { #expect(inY(value), "\(name)=\(value) outside 0...\(height) in \(svg)") }
            }
            if let x = n("x"), let y = n("y"), let w = n("width"), let h = n("height") {
                #expect(w >= 0 && h >= 0 && inX(x + w) && inY(y + h), "rect outside the viewBox in \(svg)")
            }
            if let cx = n("cx"), let cy = n("cy"), let r = n("r") {
                #expect(inX(cx - r) && inX(cx + r) && inY(cy - r) && inY(cy + r), "circle outside in \(svg)")
            }
            for pair in (element.attributes["points"] ?? "").split(separator: " ") {
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                #expect(xy.count == 2 && inX(xy[0]) && inY(xy[1]), "polyline point \(pair) outside in \(svg)")
            }
        }
    }
}
