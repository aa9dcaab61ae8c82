public import Foundation

/// When an unpaid invoice earns a reminder: a friendly one a week after its due date, a firmer one
/// after three weeks, a last one after 45 days. Pure, so the levels are tested with plain values.
public enum ReminderSchedule {
    /// Days past due at which each level (1, 2, 3) falls due.
    public static let daysPastDue = [7, 21, 45]

    /// The highest level due `asOf` for an invoice due at `due` (0: none yet).
    public static func level(due: Date, asOf: Date) -> Int {
        let days = Int((asOf.timeIntervalSince(due) / 86_400).rounded(.down))
        return daysPastDue.filter { days >= $0 }.count
    }
}
