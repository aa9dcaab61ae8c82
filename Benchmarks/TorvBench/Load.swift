import Foundation

/// Runs an operation from many tasks for a window and keeps every operation's duration.
struct Load: Sendable {
    var rate: Double
    var durations: [Double]

    func percentile(_ p: Double) -> Double {
        guard !durations.isEmpty else { return .nan }
        let sorted = durations.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
    }

    static func run(
        tasks: Int, seconds: Double, _ work: @escaping @Sendable () async throws -> Void
    ) async throws -> Load {
        let warmUp = ContinuousClock.now.advanced(by: .milliseconds(500))
        while ContinuousClock.now < warmUp { try await work() }
        let start = ContinuousClock.now
        let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
        let durations = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var mine: [Double] = []
                    while ContinuousClock.now < deadline {
                        let began = ContinuousClock.now
                        try await work()
                        mine.append(Self.seconds(began.duration(to: .now)))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        return Load(rate: Double(durations.count) / Self.seconds(start.duration(to: .now)), durations: durations)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
