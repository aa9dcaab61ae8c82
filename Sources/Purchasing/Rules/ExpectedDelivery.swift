public import Foundation

/// When a sent order's goods should arrive.
public enum ExpectedDelivery {
    /// The date staff agreed with the supplier, else the sent date plus the longest lead time of the
    /// order's lines (an order arrives complete when its slowest line does).
    public static func date(sentAt: Date, leadTimes: [Int], override: Date?) -> Date {
        if let override { return override }
        return sentAt.addingTimeInterval(Double(leadTimes.max() ?? 0) * 86_400)
    }
}
