import Foundation
import Persistence
public import Promotions
import SQLKit
public import TorvCore

/// What the storefront shows of the shop's sales events: the ones announced (with a countdown to their
/// start) and the ones running (with a countdown to their end), each with its offers' labels.
public enum Campaigns {
    public struct Showing: Sendable, Hashable {
        public var campaign: Campaign
        public var phase: CampaignPhase
        /// Seconds until the start (announced) or the end (running), by the server's clock.
        public var secondsLeft: Int
        public var offers: [String]
    }

    public static func showing(on platform: Platform) async throws -> [Showing] {
        let now = platform.clock.now()
        return try await platform.database.read { db in
            let promotions = try await platform.promotions.promotions(activeOnly: true, on: db)
            return try await platform.promotions.campaigns(on: db).compactMap { campaign -> Showing? in
                let phase = campaign.phase(at: now)
                guard phase == .announced || phase == .running else { return nil }
                let until = phase == .announced ? campaign.startsAt : campaign.endsAt
                return Showing(
                    campaign: campaign, phase: phase,
                    secondsLeft: max(0, Int(until.timeIntervalSince(now).rounded(.up))),
                    offers: promotions.filter { $0.campaignID == campaign.id }.map(\.promotion.label))
            }
        }
    }

    /// The promotions clock's work: `promotion.started` and `promotion.ended`, each once, and flash-sale
    /// units whose claims ran out go back to their sales (claims also expire on the next claim of a sale;
    /// the clock makes the "n left" count true when nobody claims).
    @discardableResult
    public static func tick(on platform: Platform) async throws -> Int {
        try await platform.database.inTransaction { db in try await platform.promotions.expireFlashClaims(on: db) }
        return try await platform.database.inTransaction { db in
            try await platform.promotions.announceCampaigns(on: db)
        }
    }
}
