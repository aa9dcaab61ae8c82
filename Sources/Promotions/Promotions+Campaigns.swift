public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// The job that announces campaigns starting and ending.
    public static let campaignClockJob = "promotions.campaign_clock"

    /// Schedules a campaign from wall-clock times in its zone. Every problem is reported at once.
    public func createCampaign(
        _ new: NewCampaign, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Campaign {
        var validator = Validator()
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { validator.add(PromotionsError.invalidName, at: "/name") }
        let zoneKnown = TimeZone(identifier: new.timeZone) != nil
        if !zoneKnown { validator.add(PromotionsError.unknownTimeZone, at: "/time_zone") }
        func instant(_ text: String?, _ pointer: String) -> Date? {
            guard let text, zoneKnown else { return nil }
            guard let date = CampaignSchedule.instant(text, in: new.timeZone) else {
                validator.add(PromotionsError.invalidLocalTime, at: pointer)
                return nil
            }
            return date
        }
        let announce = instant(new.announceAt, "/announce_at")
        let starts = instant(new.startsAt, "/starts_at")
        let ends = instant(new.endsAt, "/ends_at")
        if let starts, let ends, ends <= starts { validator.add(PromotionsError.emptyWindow, at: "/ends_at") }
        if let announce, let starts, announce > starts {
            validator.add(PromotionsError.announcedAfterStart, at: "/announce_at")
        }
        try validator.finish()
        guard let starts, let ends else { throw ValidationError(validator.errors) }
        let now = self.now
        let campaign = Campaign(
            id: CampaignID.generate(ids, at: now), name: name, timeZone: new.timeZone, announceAt: announce,
            startsAt: starts, endsAt: ends, startedAt: nil, endedAt: nil, createdAt: now)
        try await db.raw(
            """
            INSERT INTO promotion_campaigns (id, name, time_zone, announce_at, starts_at, ends_at, created_at)
            VALUES (\(bind: campaign.id.rawValue), \(bind: name), \(bind: new.timeZone),
                    \(bind: announce?.epochMicroseconds), \(bind: starts.epochMicroseconds),
                    \(bind: ends.epochMicroseconds), \(bind: now.epochMicroseconds))
            """
        ).run()
        _ = try await audit.record(
            "promotion.campaign_created", by: actor, target: ("campaign", campaign.id.rawValue),
            detail: ["name": name], on: db)
        return campaign
    }

    /// Every campaign, soonest start first.
    public func campaigns(on db: any SQLDatabase) async throws -> [Campaign] {
        try await db.raw(
            "SELECT \(unsafeRaw: PromotionsStore.campaignColumns) FROM promotion_campaigns ORDER BY starts_at, id"
        ).all().map(PromotionsStore.campaign)
    }

    public func campaign(_ id: CampaignID, on db: any SQLDatabase) async throws -> Campaign {
        guard
            let campaign = try await db.raw(
                """
                SELECT \(unsafeRaw: PromotionsStore.campaignColumns) FROM promotion_campaigns
                WHERE id = \(bind: id.rawValue)
                """
            ).first().map(PromotionsStore.campaign)
        else { throw PromotionsError.campaignNotFound }
        return campaign
    }

    /// Sends `promotion.started` for every campaign that has begun and `promotion.ended` for every one
    /// that has finished, each once: the guarded update that stamps the campaign is what sends it, so
    /// two instances running the clock at once send it once between them. Returns how many went out.
    @discardableResult
    public func announceCampaigns(on db: any SQLDatabase) async throws -> Int {
        let now = self.now
        var sent = 0
        let started = try await db.raw(
            """
            UPDATE promotion_campaigns SET started_at = \(bind: now.epochMicroseconds)
            WHERE starts_at <= \(bind: now.epochMicroseconds) AND started_at IS NULL
            RETURNING \(unsafeRaw: PromotionsStore.campaignColumns)
            """
        ).all().map(PromotionsStore.campaign)
        for campaign in started.sorted(by: { $0.startsAt < $1.startsAt }) {
            try await outbox.append(
                PromotionStarted(
                    campaignID: campaign.id, name: campaign.name,
                    promotionIDs: try await promotionIDs(in: campaign.id, on: db), startsAt: campaign.startsAt),
                on: db)
            sent += 1
        }
        // Only campaigns already announced as started end, so a clock that slept through a whole campaign
        // still sends started before ended.
        let ended = try await db.raw(
            """
            UPDATE promotion_campaigns SET ended_at = \(bind: now.epochMicroseconds)
            WHERE ends_at <= \(bind: now.epochMicroseconds) AND ended_at IS NULL AND started_at IS NOT NULL
            RETURNING \(unsafeRaw: PromotionsStore.campaignColumns)
            """
        ).all().map(PromotionsStore.campaign)
        for campaign in ended.sorted(by: { $0.endsAt < $1.endsAt }) {
            try await outbox.append(
                PromotionEnded(
                    campaignID: campaign.id, name: campaign.name,
                    promotionIDs: try await promotionIDs(in: campaign.id, on: db), endsAt: campaign.endsAt),
                on: db)
            sent += 1
        }
        return sent
    }

    func promotionIDs(in campaign: CampaignID, on db: any SQLDatabase) async throws -> [String] {
        try await db.raw("SELECT id FROM promotions WHERE campaign_id = \(bind: campaign.rawValue) ORDER BY id")
            .all().map { try $0.string("id") }
    }
}
