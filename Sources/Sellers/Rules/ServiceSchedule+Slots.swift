import Foundation

extension ServiceSchedule {
    /// Every slot from the first day through the last, in time order; closed days and weekdays without hours
    /// have none. Neither lead time, horizon nor bookings are applied: see ``SlotBooking`` for those.
    ///
    /// **Clock changes.** Slot starts are wall-clock times, each resolved in the seller's time zone:
    /// - a start that does not exist (02:30 on the spring-forward night in Berlin) is skipped;
    /// - a start that exists twice (02:30 on the fall-back night) is offered once, at its first occurrence;
    /// - a slot lasts ``slotMinutes`` of real time, so one that starts just before the spring-forward gap ends
    ///   an hour later on the clock; a slot that would start before the previous one (and its buffer) is over,
    ///   or end after closing time, is skipped.
    ///
    /// So slots never overlap, always end by closing time and keep the buffer between them within a day; each
    /// day starts afresh at its first opening time, so a day's slots do not depend on the day before.
    public func slots(from first: CalendarDay, through last: CalendarDay) -> [ServiceSlot] {
        guard first <= last else { return [] }
        return (0...first.days(to: last)).flatMap { slots(on: first.advanced(by: $0)) }
    }

    /// The slots of one day, in time order.
    public func slots(on day: CalendarDay) -> [ServiceSlot] {
        guard slotMinutes > 0, bufferMinutes >= 0, !closedDays.contains(day) else { return [] }
        let intervals = (weeklyHours[day.weekday] ?? []).sorted { $0.from < $1.from }
        let length = TimeInterval(slotMinutes * 60)
        var slots: [ServiceSlot] = []
        var freeFrom = Date.distantPast
        for interval in intervals {
            guard let closing = instant(of: interval.to, on: day, exact: false) else { continue }
            var wallStart = interval.from.minutes
            while wallStart >= 0, wallStart + slotMinutes <= interval.to.minutes {
                defer { wallStart += slotMinutes + bufferMinutes }
                let local = TimeOfDay(minutes: wallStart)
                guard let start = instant(of: local, on: day, exact: true) else { continue }
                let end = start.addingTimeInterval(length)
                guard start >= freeFrom, end <= closing else { continue }
                slots.append(ServiceSlot(start: start, end: end, day: day, localStart: local))
                freeFrom = end.addingTimeInterval(TimeInterval(bufferMinutes * 60))
            }
        }
        return slots
    }

    /// The moment `time` on `day` happens in the seller's time zone: its first occurrence when the clock shows it
    /// twice. When it does not exist, `nil` if `exact`, else the moment the clock jumps to (a closing time of
    /// 02:30 on the spring-forward night is 03:30 summer time). `24:00` is midnight at the end of the day.
    func instant(of time: TimeOfDay, on day: CalendarDay, exact: Bool) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = time.minutes >= 1_440 ? day.advanced(by: time.minutes / 1_440) : day
        let minutes = time.minutes % 1_440
        let wanted = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: minutes / 60, minute: minutes % 60)
        // Foundation resolves a time that is skipped to the moment after the gap and a repeated time to its
        // first occurrence (measured on Linux, Swift 6.3); reading the result back tells the two apart.
        guard let instant = calendar.date(from: wanted) else { return nil }
        guard exact else { return instant }
        let shown = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let same =
            shown.year == wanted.year && shown.month == wanted.month && shown.day == wanted.day
            && shown.hour == wanted.hour && shown.minute == wanted.minute
        return same ? instant : nil
    }
}
