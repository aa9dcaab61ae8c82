/// One stretch of opening hours on a weekday, `from` inclusive, `to` exclusive: `09:00–12:30`.
public struct OpeningInterval: Sendable, Hashable, Codable {
    public var from: TimeOfDay
    public var to: TimeOfDay

    public init(from: TimeOfDay, to: TimeOfDay) {
        self.from = from
        self.to = to
    }
}
