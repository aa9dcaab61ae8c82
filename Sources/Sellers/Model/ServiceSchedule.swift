public import Foundation

/// When a service seller (a hairdresser, a repair shop, a tutor) takes bookings.
///
/// Hours are wall-clock times in the seller's IANA time zone (`Europe/Berlin`), because that is how the seller
/// thinks of them: "Saturdays 9 to 13" stays 9 to 13 across a change to summer time. Slots are laid from the
/// start of each opening interval, one every ``slotMinutes`` + ``bufferMinutes``.
public struct ServiceSchedule: Sendable, Hashable, Codable {
    public var timeZone: TimeZone
    /// Opening intervals per weekday; a weekday not listed is closed.
    public var weeklyHours: [Weekday: [OpeningInterval]]
    /// How long one appointment lasts.
    public var slotMinutes: Int
    /// Time kept free after each slot (cleaning, travel, notes).
    public var bufferMinutes: Int
    /// Bookings one slot takes (chairs, seats in a class).
    public var capacity: Int
    /// No booking starts less than this many hours from now: the seller needs time to prepare.
    public var leadTimeHours: Int
    /// No booking is on a day more than this many days after today (in the seller's time zone).
    public var horizonDays: Int
    /// Days the seller does not work (holidays, training), whatever the weekly hours say.
    public var closedDays: Set<CalendarDay>

    public init(
        timeZone: TimeZone,
        weeklyHours: [Weekday: [OpeningInterval]],
        slotMinutes: Int,
        bufferMinutes: Int = 0,
        capacity: Int = 1,
        leadTimeHours: Int = 0,
        horizonDays: Int = 60,
        closedDays: Set<CalendarDay> = []
    ) {
        self.timeZone = timeZone
        self.weeklyHours = weeklyHours
        self.slotMinutes = slotMinutes
        self.bufferMinutes = bufferMinutes
        self.capacity = capacity
        self.leadTimeHours = leadTimeHours
        self.horizonDays = horizonDays
        self.closedDays = closedDays
    }
}
