import Foundation
import PropertyBased
import Sellers
import Testing

/// Slot generation's promises for any valid schedule, in time zones with and without clock changes, over weeks
/// that contain them.
@Suite struct ServiceSchedulePropertyTests {
    /// Berlin and New York change at 02:00/03:00, Sydney in the other half of the year, Santiago at midnight;
    /// Kolkata and UTC never.
    static let zones = [
        "Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago", "Asia/Kolkata", "UTC",
    ]
    /// Days a few days before a clock change somewhere.
    static let weeks = [
        CalendarDay(year: 2026, month: 3, day: 5), CalendarDay(year: 2026, month: 3, day: 26),
        CalendarDay(year: 2026, month: 4, day: 2), CalendarDay(year: 2026, month: 9, day: 3),
        CalendarDay(year: 2026, month: 10, day: 1), CalendarDay(year: 2026, month: 10, day: 22),
        CalendarDay(year: 2026, month: 10, day: 29),
    ]

    /// Up to two non-overlapping intervals a day on a 15-minute grid, often at night to meet the changes.
    static let dayHours = Gen.int(in: 0...96).array(of: 4).map { marks -> [OpeningInterval] in
        let sorted = marks.sorted().map { TimeOfDay(minutes: $0 * 15) }
        return [(sorted[0], sorted[1]), (sorted[2], sorted[3])].filter { $0.0 < $0.1 }
            .map { OpeningInterval(from: $0.0, to: $0.1) }
    }

    static let schedules = zip(
        Gen.int(in: 0...(zones.count - 1)), dayHours.array(of: 7), Gen.int(in: 5...180), Gen.int(in: 0...60),
        Gen.int(in: 0...6)
    )
    .map { zone, hours, slot, buffer, closedOffset in
        (
            ServiceSchedule(
                timeZone: TimeZone(identifier: zones[zone])!,
                weeklyHours: Dictionary(uniqueKeysWithValues: zip(Weekday.allCases, hours)), slotMinutes: slot,
                bufferMinutes: buffer, horizonDays: 10_000),
            closedOffset
        )
    }

    @Test("slots never overlap, keep the buffer within a day, last the slot length and have distinct starts")
    func noOverlap() async {
        await propertyCheck(count: 300, input: Self.schedules, Gen.int(in: 0...(Self.weeks.count - 1))) {
            generated, week in
            let (schedule, _) = generated
            #expect(schedule.validate() == [])
            let slots = schedule.slots(from: Self.weeks[week], through: Self.weeks[week].advanced(by: 6))
            for slot in slots {
                #expect(slot.end.timeIntervalSince(slot.start) == TimeInterval(schedule.slotMinutes * 60))
            }
            for (earlier, later) in zip(slots, slots.dropFirst()) {
                // The buffer separates the slots of one day; each day starts afresh at its opening time.
                let buffer = earlier.day == later.day ? TimeInterval(schedule.bufferMinutes * 60) : 0
                #expect(later.start >= earlier.end.addingTimeInterval(buffer))
            }
            #expect(Set(slots.map(\.start)).count == slots.count)
        }
    }

    @Test("every slot starts at a real clock time on the opening grid and ends by closing time")
    func withinOpeningHours() async {
        await propertyCheck(count: 300, input: Self.schedules, Gen.int(in: 0...(Self.weeks.count - 1))) {
            generated, week in
            let (schedule, _) = generated
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = schedule.timeZone
            for slot in schedule.slots(from: Self.weeks[week], through: Self.weeks[week].advanced(by: 6)) {
                let shown = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: slot.start)
                #expect(CalendarDay(slot.start, in: schedule.timeZone) == slot.day)
                #expect(shown.hour! * 60 + shown.minute! == slot.localStart.minutes)
                let intervals = schedule.weeklyHours[slot.day.weekday] ?? []
                let containing = intervals.first { interval in
                    interval.from <= slot.localStart
                        && (slot.localStart.minutes - interval.from.minutes)
                            % (schedule.slotMinutes + schedule.bufferMinutes) == 0
                        && slot.end <= Self.closing(interval.to, on: slot.day, calendar)
                }
                #expect(containing != nil, "\(slot) is outside \(intervals)")
            }
        }
    }

    @Test("a closed day has no slots and the other days are unaffected")
    func closedDay() async {
        await propertyCheck(count: 200, input: Self.schedules, Gen.int(in: 0...(Self.weeks.count - 1))) {
            generated, week in
            var (schedule, offset) = generated
            let first = Self.weeks[week]
            let open = schedule.slots(from: first, through: first.advanced(by: 6))
            let closed = first.advanced(by: offset)
            schedule.closedDays = [closed]
            #expect(schedule.slots(from: first, through: first.advanced(by: 6)) == open.filter { $0.day != closed })
        }
    }

    @Test("a booking is accepted exactly at a generated slot start, when nothing else stands in the way")
    func bookingAgreesWithSlots() async {
        await propertyCheck(
            count: 200, input: Self.schedules, Gen.int(in: 0...(Self.weeks.count - 1)), Gen.int(in: -90...90)
        ) { generated, week, shiftMinutes in
            let (schedule, _) = generated
            let first = Self.weeks[week]
            let slots = schedule.slots(from: first, through: first.advanced(by: 6))
            let now = Date(timeIntervalSince1970: 1_700_000_000)
            for slot in slots {
                #expect(SlotBooking.decide(start: slot.start, in: schedule, booked: [:], now: now) == .accepted(slot))
            }
            // Off the grid, nothing is accepted: a moment near a slot start is a start only if some slot (of this
            // week or a neighbouring day) starts exactly then.
            guard let some = slots.first else { return }
            let shifted = some.start.addingTimeInterval(TimeInterval(shiftMinutes * 60))
            let decision = SlotBooking.decide(start: shifted, in: schedule, booked: [:], now: now)
            let around = schedule.slots(from: first.advanced(by: -1), through: first.advanced(by: 7))
            let isStart = around.contains { $0.start == shifted }
            #expect((decision == .accepted(around.first { $0.start == shifted } ?? some)) == isStart)
        }
    }

    /// The closing moment as the clock shows it, moved past a gap when it falls in one.
    static func closing(_ time: TimeOfDay, on day: CalendarDay, _ calendar: Calendar) -> Date {
        let date = day.advanced(by: time.minutes / 1_440)
        let minutes = time.minutes % 1_440
        return calendar.date(
            from: DateComponents(
                year: date.year, month: date.month, day: date.day, hour: minutes / 60, minute: minutes % 60))!
    }
}
