import Foundation
import Sellers
import Testing
import TorvCore

@Suite struct ServiceScheduleTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static func at(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static func schedule(
        _ hours: [Weekday: [OpeningInterval]], slot: Int = 60, buffer: Int = 0, capacity: Int = 1, lead: Int = 0,
        horizon: Int = 60, closed: Set<CalendarDay> = []
    ) -> ServiceSchedule {
        ServiceSchedule(
            timeZone: berlin, weeklyHours: hours, slotMinutes: slot, bufferMinutes: buffer, capacity: capacity,
            leadTimeHours: lead, horizonDays: horizon, closedDays: closed)
    }

    static func hours(_ from: Int, _ to: Int, fromMinute: Int = 0, toMinute: Int = 0) -> OpeningInterval {
        OpeningInterval(from: TimeOfDay(hour: from, minute: fromMinute), to: TimeOfDay(hour: to, minute: toMinute))
    }

    static let everyDay = Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [hours(9, 11)]) })

    @Test("slots are laid from each interval's start, one every slot + buffer, and end by closing time")
    func regularDay() {
        let schedule = Self.schedule([.monday: [Self.hours(9, 12), Self.hours(13, 17)]], slot: 45, buffer: 15)
        let slots = schedule.slots(on: CalendarDay(year: 2026, month: 3, day: 23))
        #expect(slots.map(\.localStart.description) == ["09:00", "10:00", "11:00", "13:00", "14:00", "15:00", "16:00"])
        #expect(slots.first?.start == Self.at("2026-03-23T08:00:00Z"))
        #expect(slots.last?.end == Self.at("2026-03-23T15:45:00Z"))
        #expect(schedule.slots(on: CalendarDay(year: 2026, month: 3, day: 24)) == [])
    }

    @Test("across the spring-forward week the slots stay at 09:00 and 10:00 on the clock")
    func springForwardWeek() {
        let slots = Self.schedule(Self.everyDay).slots(
            from: CalendarDay(year: 2026, month: 3, day: 23), through: CalendarDay(year: 2026, month: 3, day: 29))
        #expect(slots.count == 14)
        #expect(Set(slots.map(\.localStart.description)) == ["09:00", "10:00"])
        #expect(slots.map(\.start).filter { $0 < Self.at("2026-03-29T00:00:00Z") }.count == 12)
        #expect(slots[0].start == Self.at("2026-03-23T08:00:00Z"))
        #expect(slots[12].start == Self.at("2026-03-29T07:00:00Z"))
        #expect(slots[12].day == CalendarDay(year: 2026, month: 3, day: 29))
    }

    @Test("on the spring-forward night a start that does not exist is skipped, and so is one that would overlap")
    func springForwardNight() {
        let schedule = Self.schedule([.sunday: [Self.hours(1, 5)]], slot: 45)
        let slots = schedule.slots(on: CalendarDay(year: 2026, month: 3, day: 29))
        // 02:30 does not exist; 03:15 summer time is 01:15Z, before the 01:45 slot ends at 01:30Z.
        #expect(slots.map(\.localStart.description) == ["01:00", "01:45", "04:00"])
        #expect(
            slots.map(\.start) == ["2026-03-29T00:00:00Z", "2026-03-29T00:45:00Z", "2026-03-29T02:00:00Z"].map(Self.at))
        #expect(slots.allSatisfy { $0.end.timeIntervalSince($0.start) == 45 * 60 })

        let hourly = Self.schedule([.sunday: [Self.hours(1, 5)]]).slots(on: CalendarDay(year: 2026, month: 3, day: 29))
        #expect(hourly.map(\.localStart.description) == ["01:00", "03:00", "04:00"])
    }

    @Test("on the fall-back night the repeated hour is offered once, at its first occurrence")
    func fallBackNight() {
        let slots = Self.schedule([.sunday: [Self.hours(1, 4)]]).slots(on: CalendarDay(year: 2026, month: 10, day: 25))
        #expect(slots.map(\.localStart.description) == ["01:00", "02:00", "03:00"])
        #expect(
            slots.map(\.start) == ["2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z"].map(Self.at))
        #expect(Set(slots.map(\.start)).count == slots.count)
    }

    @Test("across the fall-back week daytime slots keep their clock time and their length")
    func fallBackWeek() {
        let slots = Self.schedule(Self.everyDay, slot: 50, buffer: 10).slots(
            from: CalendarDay(year: 2026, month: 10, day: 21), through: CalendarDay(year: 2026, month: 10, day: 27))
        #expect(slots.count == 14)
        #expect(
            slots.filter { $0.localStart == TimeOfDay(hour: 9) }.map(\.start)
                == [
                    "2026-10-21T07:00:00Z", "2026-10-22T07:00:00Z", "2026-10-23T07:00:00Z", "2026-10-24T07:00:00Z",
                    "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z", "2026-10-27T08:00:00Z",
                ].map(Self.at))
        #expect(slots.allSatisfy { $0.end.timeIntervalSince($0.start) == 50 * 60 })
    }

    @Test("closed days have no slots, and hours may run to midnight")
    func closedAndMidnight() {
        let day = CalendarDay(year: 2026, month: 4, day: 3)
        let schedule = Self.schedule([.friday: [Self.hours(22, 24)]], closed: [day])
        #expect(schedule.slots(on: day) == [])
        let open = Self.schedule([.friday: [Self.hours(22, 24)]]).slots(on: day)
        #expect(open.map(\.localStart.description) == ["22:00", "23:00"])
        #expect(open.last?.end == Self.at("2026-04-03T22:00:00Z"))
    }

    @Test("a schedule that is not valid says so at each field")
    func validation() {
        #expect(Self.schedule(Self.everyDay).validate() == [])
        var broken = Self.schedule(
            [.monday: [Self.hours(9, 12), Self.hours(11, 13), Self.hours(14, 14)]], slot: 0, buffer: -5, capacity: 0,
            lead: -1, horizon: -1)
        #expect(
            broken.validate().map(\.pointer) == [
                "/slot_minutes", "/buffer_minutes", "/capacity", "/lead_time_hours", "/horizon_days",
                "/weekly_hours/monday/1", "/weekly_hours/monday/2/to",
            ])
        broken.weeklyHours = [.monday: [Self.hours(9, 25)]]
        #expect(broken.validate().last?.code == "out_of_range")
        #expect(throws: (any Error).self) { try broken.requireValid() }
    }
}
