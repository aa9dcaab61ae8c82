public import Foundation

/// Whether a booking for a slot start is taken.
public enum SlotBookingDecision: Sendable, Hashable, Codable {
    case accepted(ServiceSlot)
    case refused(SlotRefusal)
}

/// Why a booking is refused, for the buyer's message.
public enum SlotRefusal: Sendable, Hashable, Codable {
    /// The seller does not work that day (a closed date).
    case closedDay(CalendarDay)
    /// No slot starts at that moment: outside the opening hours, or off the slot grid.
    case outsideAvailability
    /// Less than the lead time ahead; bookings open again for slots from this moment.
    case tooSoon(earliest: Date)
    /// Beyond the booking horizon; the last bookable day is given.
    case tooFar(latestDay: CalendarDay)
    /// Every place of the slot is taken.
    case full(capacity: Int)

    /// Stable snake_case code, for clients that translate messages.
    public var code: String {
        switch self {
        case .closedDay: "closed_day"
        case .outsideAvailability: "outside_availability"
        case .tooSoon: "too_soon"
        case .tooFar: "too_far"
        case .full: "slot_full"
        }
    }
}
