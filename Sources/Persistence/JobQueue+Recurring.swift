public import Foundation
public import SQLKit

extension JobQueue {
    /// The slot a recurring job runs in: the `interval`-long period after the one `now` falls in.
    public struct RecurringSlot: Codable, Sendable, Hashable {
        public let slot: Int64
    }

    /// Schedules the next run of a recurring job at the next multiple of `interval` after `now`. The
    /// unique key names the slot, so every process's call — and every run rescheduling itself —
    /// schedules that slot once.
    public func scheduleRecurring(
        _ kind: String, every interval: TimeInterval, after now: Date, on db: any SQLDatabase
    ) async throws {
        let interval = max(1, interval)
        let slot = Int64((now.timeIntervalSince1970 / interval).rounded(.down)) + 1
        try await enqueue(
            kind: kind, payload: RecurringSlot(slot: slot), runAt: Date(timeIntervalSince1970: Double(slot) * interval),
            uniqueKey: "\(kind):\(slot)", on: db)
    }
}
