public import Foundation

/// One bookable appointment.
public struct ServiceSlot: Sendable, Hashable, Codable {
    public var start: Date
    /// `start` + the slot length, in real time: a slot is as long on a clock-change day as on any other.
    public var end: Date
    /// The day and wall-clock time the seller's calendar shows the slot at.
    public var day: CalendarDay
    public var localStart: TimeOfDay

    public init(start: Date, end: Date, day: CalendarDay, localStart: TimeOfDay) {
        self.start = start
        self.end = end
        self.day = day
        self.localStart = localStart
    }
}
