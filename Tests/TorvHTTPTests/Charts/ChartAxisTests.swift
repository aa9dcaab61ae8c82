import Testing

@testable import TorvHTTP

@Suite("Y-axis ticks")
struct ChartAxisTests {
    @Test(arguments: [
        (0, [0]),
        (-5, [0]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (10, [0, 2, 4, 6, 8, 10]),
        (11, [0, 5, 10, 15]),
        (100, [0, 20, 40, 60, 80, 100]),
        (101, [0, 50, 100, 150]),
        (1234, [0, 500, 1000, 1500]),
        (123450, [0, 50000, 100000, 150000]),
        (999_999, [0, 200_000, 400_000, 600_000, 800_000, 1_000_000]),
        (Int.max, [0, Int.max]),
    ])
    func tickValues(max: Int, expected: [Int]) {
        #expect(ChartAxis.tickValues(forMax: max) == expected)
    }

    @Test(arguments: [
        (1234, 1, [0, 2000]), (1234, 2, [0, 1000, 2000]), (1234, 0, [0, 2000]), (5, 10, [0, 1, 2, 3, 4, 5]),
    ])
    func tickValuesWithFewerIntervals(max: Int, intervals: Int, expected: [Int]) {
        #expect(ChartAxis.tickValues(forMax: max, maxIntervals: intervals) == expected)
    }

    @Test func ticksCoverTheMaximumWithinTheIntervalLimit() {
        var max = 1
        while max < 10_000_000 {
            let ticks = ChartAxis.tickValues(forMax: max)
            #expect(ticks.first == 0)
            #expect((ticks.last ?? 0) >= max)
            #expect(ticks.count <= 6)
            max = max * 3 + 1
        }
    }

    @Test func labelsComeFromTheCaller() {
        let ticks = ChartAxis.ticks(forMax: 123450, label: Fixtures.euros)
        #expect(ticks.map(\.label) == ["€0.00", "€500.00", "€1,000.00", "€1,500.00"])
        #expect(ticks.map(\.value) == [0, 50000, 100000, 150000])
    }
}
