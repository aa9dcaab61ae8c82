public import Foundation
public import TorvCore

public enum CampaignPrefix: IDPrefix { public static let prefix = "camp" }
/// A named sales event.
public typealias CampaignID = TypedID<CampaignPrefix>

/// A named sales event — Black Friday, Cyber Monday, Singles' Day or the shop's own — scheduled in a
/// time zone. Its promotions apply only between ``startsAt`` and ``endsAt``; from ``announceAt`` the
/// storefront shows them with a countdown, not yet buyable.
public struct Campaign: Sendable, Hashable, Codable, Identifiable {
    public var id: CampaignID
    public var name: String
    /// The zone the schedule was given in (`Europe/Stockholm`); the instants below are absolute.
    public var timeZone: String
    public var announceAt: Date?
    public var startsAt: Date
    public var endsAt: Date
    /// When `promotion.started` went out (by the campaign clock job), once.
    public var startedAt: Date?
    /// When `promotion.ended` went out, once.
    public var endedAt: Date?
    public var createdAt: Date

    public func phase(at now: Date) -> CampaignPhase {
        if now >= endsAt { return .ended }
        if now >= startsAt { return .running }
        if let announceAt, now >= announceAt { return .announced }
        return .scheduled
    }
}

public enum CampaignPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled
    /// Visible with a countdown, not yet buyable.
    case announced
    case running
    case ended
}

/// A campaign as staff schedule it: wall-clock times in `timeZone` (`2027-11-26T00:00`), so "midnight
/// on Black Friday" means midnight where the shop is, whatever the server's zone and summer time.
public struct NewCampaign: Sendable, Hashable {
    public var name: String
    public var timeZone: String
    public var announceAt: String?
    public var startsAt: String
    public var endsAt: String

    public init(name: String, timeZone: String, announceAt: String? = nil, startsAt: String, endsAt: String) {
        self.name = name
        self.timeZone = timeZone
        self.announceAt = announceAt
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
