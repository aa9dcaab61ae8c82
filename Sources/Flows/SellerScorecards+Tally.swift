public import Foundation
public import Orders
public import Reviews
public import Sellers

extension SellerScorecards {
    /// Counts a seller's window into the scorecard's measures, as a pure function of the facts.
    ///
    /// - Orders are the sub-orders placed in the window; a cancelled one counts as a seller cancellation (a
    ///   buyer cannot cancel a marketplace sub-order on their own once it is placed).
    /// - A sub-order shipped by its dispatch deadline (``dispatchDeadline(placedAt:handlingDays:)``) is on
    ///   time; one shipped after it, or still open when the deadline has passed, is late. A sub-order delivered
    ///   without a recorded shipment counts as shipped when it was delivered.
    /// - A sub-order with any unit of the seller's lines returned counts once as returned.
    public static func tally(
        _ records: [SubOrderRecord], handlingDays: Int, ratings: RatingSummary,
        caseResponses: (answered: Int, totalSeconds: Int), now: Date
    ) -> SellerPerformance {
        var performance = SellerPerformance(orders: records.count)
        for record in records {
            let deadline = dispatchDeadline(placedAt: record.placedAt, handlingDays: handlingDays)
            if record.status == .cancelled {
                performance.cancelledBySeller += 1
            } else if let shipped = record.shippedAt ?? record.deliveredAt {
                if shipped <= deadline { performance.shippedOnTime += 1 } else { performance.shippedLate += 1 }
            } else if now > deadline {
                performance.shippedLate += 1
            }
            if record.returnedUnits > 0 { performance.returned += 1 }
        }
        performance.ratingCount = ratings.count
        performance.ratingSum = ratings.histogram.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
        performance.messagesAnswered = caseResponses.answered
        performance.totalResponseSeconds = caseResponses.totalSeconds
        return performance
    }

    /// The end of the `handlingDays`-th working day (Monday to Friday, UTC) after the order: a parcel handed
    /// over by then is on time. Weekends do not count against the seller.
    public static func dispatchDeadline(placedAt: Date, handlingDays: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var day = calendar.startOfDay(for: placedAt)
        var remaining = max(0, handlingDays)
        while remaining > 0 {
            day = day.addingTimeInterval(86_400)
            let weekday = calendar.component(.weekday, from: day)
            if weekday != 1 && weekday != 7 { remaining -= 1 }
        }
        return day.addingTimeInterval(86_400)
    }
}
