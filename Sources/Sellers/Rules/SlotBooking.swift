public import Foundation

/// Whether a service seller can take one more booking for a slot.
///
/// The checks run from the most lasting reason to the most passing one, so a buyer is told the reason that
/// will not go away by waiting: the day is closed; no slot starts at that moment; the start is less than the
/// lead time away; the day is past the horizon (today in the seller's time zone + ``ServiceSchedule/horizonDays``);
/// every place is taken. A request is one booking; `booked` counts the bookings already taken per slot start
/// (the store's count, under the same transaction that inserts the booking, so two buyers cannot both take the
/// last place).
public enum SlotBooking {
    public static func decide(
        start: Date, in schedule: ServiceSchedule, booked: [Date: Int], now: Date
    ) -> SlotBookingDecision {
        let day = CalendarDay(start, in: schedule.timeZone)
        if schedule.closedDays.contains(day) { return .refused(.closedDay(day)) }
        guard let slot = schedule.slots(on: day).first(where: { $0.start == start }) else {
            return .refused(.outsideAvailability)
        }
        let earliest = now.addingTimeInterval(TimeInterval(max(0, schedule.leadTimeHours) * 3_600))
        if start < earliest { return .refused(.tooSoon(earliest: earliest)) }
        let latestDay = CalendarDay(now, in: schedule.timeZone).advanced(by: max(0, schedule.horizonDays))
        if day > latestDay { return .refused(.tooFar(latestDay: latestDay)) }
        if booked[start, default: 0] >= schedule.capacity { return .refused(.full(capacity: schedule.capacity)) }
        return .accepted(slot)
    }

    /// The slots from the first day through the last that a buyer can book now, in time order.
    public static func bookableSlots(
        in schedule: ServiceSchedule, from first: CalendarDay, through last: CalendarDay, booked: [Date: Int],
        now: Date
    ) -> [ServiceSlot] {
        schedule.slots(from: first, through: last).filter { slot in
            decide(start: slot.start, in: schedule, booked: booked, now: now) == .accepted(slot)
        }
    }
}
