/// Days of the week, numbered as Foundation's Gregorian calendar numbers them.
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable {
    case sunday = 1
    case monday
    case tuesday
    case wednesday
    case thursday
    case friday
    case saturday
}
