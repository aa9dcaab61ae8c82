import Foundation
import Sellers
import Testing

@Suite struct SlotBookingTests {
    typealias Fixture = ServiceScheduleTests

    /// Weekdays 09:00–12:00 Berlin, hour slots for two people, 24 hours' notice, two weeks ahead, closed on
    /// Good Friday 2026.
    static let schedule = Fixture.schedule(
        Dictionary(
            uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                ($0, [Fixture.hours(9, 12)])
            }), capacity: 2, lead: 24, horizon: 14, closed: [CalendarDay(year: 2026, month: 4, day: 3)])

    /// Monday 23 March 2026, 10:00 in Berlin.
    static let now = Fixture.at("2026-03-23T09:00:00Z")

    static func decide(_ start: String, booked: Int = 0) -> SlotBookingDecision {
        let start = Fixture.at(start)
        return SlotBooking.decide(start: start, in: schedule, booked: [start: booked], now: now)
    }

    @Test("a free slot within the hours, lead time and horizon is accepted until it is full")
    func accepted() {
        let decision = Self.decide("2026-03-25T09:00:00Z", booked: 1)
        guard case .accepted(let slot) = decision else {
            Issue.record("refused: \(decision)")
            return
        }
        #expect(slot.localStart == TimeOfDay(hour: 10))
        #expect(slot.end == Fixture.at("2026-03-25T10:00:00Z"))
        #expect(Self.decide("2026-03-25T09:00:00Z", booked: 2) == .refused(.full(capacity: 2)))
    }

    @Test(
        "each refusal names the lasting reason",
        arguments: [
            ("2026-04-03T07:00:00Z", SlotRefusal.closedDay(CalendarDay(year: 2026, month: 4, day: 3))),
            ("2026-03-25T08:30:00Z", .outsideAvailability),
            ("2026-03-25T11:00:00Z", .outsideAvailability),
            ("2026-03-28T09:00:00Z", .outsideAvailability),
            ("2026-03-24T08:00:00Z", .tooSoon(earliest: Fixture.at("2026-03-24T09:00:00Z"))),
            ("2026-03-23T10:00:00Z", .tooSoon(earliest: Fixture.at("2026-03-24T09:00:00Z"))),
            ("2026-04-07T07:00:00Z", .tooFar(latestDay: CalendarDay(year: 2026, month: 4, day: 6))),
        ] as [(String, SlotRefusal)]
    )
    func refused(start: String, refusal: SlotRefusal) {
        #expect(Self.decide(start) == .refused(refusal))
        // Refusals that do not depend on bookings stay the same when the slot is full.
        #expect(Self.decide(start, booked: 5) == .refused(refusal))
    }

    @Test("the lead time and horizon are inclusive: exactly 24 hours ahead and the 14th day are bookable")
    func edges() {
        #expect(Self.decide("2026-03-24T09:00:00Z").isAccepted)
        // 6 April is after the switch to summer time: 09:00 is 07:00Z.
        #expect(Self.decide("2026-04-06T07:00:00Z").isAccepted)
        #expect(Self.decide("2026-04-06T08:00:00Z").isAccepted)
    }

    @Test("bookable slots leave out what is too soon, too far, closed or full")
    func bookable() {
        let full = Fixture.at("2026-03-25T08:00:00Z")
        let slots = SlotBooking.bookableSlots(
            in: Self.schedule, from: CalendarDay(year: 2026, month: 3, day: 23),
            through: CalendarDay(year: 2026, month: 4, day: 10), booked: [full: 2], now: Self.now)
        // 23 March is too soon, 24 March from 10:00 on; 3 April is closed; after 6 April is too far.
        #expect(slots.first?.start == Fixture.at("2026-03-24T09:00:00Z"))
        #expect(slots.last?.start == Fixture.at("2026-04-06T09:00:00Z"))
        #expect(!slots.contains { $0.start == full })
        #expect(!slots.contains { $0.day == CalendarDay(year: 2026, month: 4, day: 3) })
        #expect(slots.count == 2 + 8 * 3 - 1)
    }
}

extension SlotBookingDecision {
    var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}
