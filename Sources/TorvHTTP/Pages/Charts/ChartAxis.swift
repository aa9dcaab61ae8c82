/// One gridline of a value axis: the value it sits at and the caller's label for it.
struct AxisTick: Sendable, Equatable {
    let value: Int
    let label: String

    init(value: Int, label: String) {
        self.value = value
        self.label = label
    }
}

/// Chooses round y-axis ticks, in integer arithmetic so money in minor units never passes through a Double.
enum ChartAxis {
    /// Ticks from 0 in equal steps of 1, 2 or 5 times a power of ten, the last one at or above `maxValue`,
    /// with at most `maxIntervals` steps. A maximum of 0 or less gives `[0]`: all-zero data draws flat on
    /// the baseline instead of inventing a scale.
    static func tickValues(forMax maxValue: Int, maxIntervals: Int = 5) -> [Int] {
        guard maxValue > 0 else { return [0] }
        let intervals = max(1, maxIntervals)
        var magnitude = 1
        while true {
            for mantissa in [1, 2, 5] {
                let (step, stepOverflow) = magnitude.multipliedReportingOverflow(by: mantissa)
                guard !stepOverflow else { return [0, maxValue] }
                // Ceiling division; safe because maxValue > 0.
                let count = (maxValue - 1) / step + 1
                guard count <= intervals else { continue }
                // Near Int.max the round top tick is not representable; the exact maximum still makes an axis.
                guard !step.multipliedReportingOverflow(by: count).overflow else { return [0, maxValue] }
                return (0...count).map { $0 * step }
            }
            let (next, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return [0, maxValue] }
            magnitude = next
        }
    }

    /// `tickValues` with the caller's formatting, e.g. minor units to "€1,500".
    static func ticks(
        forMax maxValue: Int, maxIntervals: Int = 5, label: (Int) -> String
    ) -> [AxisTick] {
        tickValues(forMax: maxValue, maxIntervals: maxIntervals).map { AxisTick(value: $0, label: label($0)) }
    }
}
