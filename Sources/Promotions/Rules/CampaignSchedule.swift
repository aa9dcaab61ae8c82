public import Foundation

/// Wall-clock times in a named zone turned into instants. Pure; the zone database is the system's.
public enum CampaignSchedule {
    /// `2027-11-26T00:00` or `2027-11-26T00:00:00` in `zone`; `nil` when the text or the zone is not
    /// one. A time skipped by a summer-time change is taken as the first instant after the gap.
    public static func instant(_ local: String, in zone: String) -> Date? {
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        let parts = local.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard parts.count == 5 || parts.count == 6, parts.allSatisfy({ $0 != nil }),
            local.count == 16 || local.count == 19
        else { return nil }
        let values = parts.compactMap { $0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(
            year: values[0], month: values[1], day: values[2], hour: values[3], minute: values[4],
            second: values.count == 6 ? values[5] : 0)
        guard components.isValidDate(in: calendar) || isInGap(components, calendar) else { return nil }
        return calendar.date(from: components)
    }

    private static func isInGap(_ components: DateComponents, _ calendar: Calendar) -> Bool {
        var day = components
        day.hour = 12
        return day.isValidDate(in: calendar) && (0...23).contains(components.hour ?? -1)
            && (0...59).contains(components.minute ?? -1)
    }
}
