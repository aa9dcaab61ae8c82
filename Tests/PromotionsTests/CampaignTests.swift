import Checkout
import Flows
import Foundation
import Persistence
import Promotions
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Campaigns")
struct CampaignTests {
    static let staff = AuditActor(kind: "staff", id: "stf_marketing")

    @Test("wall-clock times in a zone become instants, summer time included")
    func schedule() {
        // Stockholm is UTC+1 in November and UTC+2 in July.
        #expect(
            CampaignSchedule.instant("2027-11-26T00:00", in: "Europe/Stockholm")
                == Date(timeIntervalSince1970: 1_827_183_600))
        #expect(
            CampaignSchedule.instant("2027-07-01T12:00:00", in: "Europe/Stockholm")
                == Date(timeIntervalSince1970: 1_814_436_000))
        #expect(CampaignSchedule.instant("2027-11-26", in: "Europe/Stockholm") == nil)
        #expect(CampaignSchedule.instant("2027-02-30T00:00", in: "Europe/Stockholm") == nil)
        #expect(CampaignSchedule.instant("2027-11-26T00:00", in: "Mars/Olympus") == nil)
        // 02:30 on the last Sunday of March does not exist in Stockholm: the first instant after the gap.
        #expect(CampaignSchedule.instant("2027-03-28T02:30", in: "Europe/Stockholm") != nil)
    }

    @Test(
        "a campaign is announced, runs and ends on its schedule; started and ended go out once each, even with two clocks",
        arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            // The test clock starts at 2027-01-15 08:00 UTC.
            let refused = await #expect(throws: ValidationError.self) {
                try await platform.database.inTransaction { db in
                    try await platform.promotions.createCampaign(
                        NewCampaign(
                            name: " ", timeZone: "Nowhere/City", startsAt: "2027-01-20T00:00",
                            endsAt: "2027-01-19T00:00"), by: Self.staff, on: db)
                }
            }
            #expect(Set(refused?.fieldErrors.map(\.pointer) ?? []) == ["/name", "/time_zone"])
            let campaign = try await platform.database.inTransaction { db in
                try await platform.promotions.createCampaign(
                    NewCampaign(
                        name: "Winter sale", timeZone: "Europe/Stockholm", announceAt: "2027-01-16T00:00",
                        startsAt: "2027-01-17T00:00", endsAt: "2027-01-18T00:00"), by: Self.staff, on: db)
            }
            _ = try await platform.database.inTransaction { db in
                try await platform.promotions.create(
                    Promotion(
                        id: "promo_x", name: "Winter", label: "Winter −50 %", action: .percentOff(basisPoints: 5_000)),
                    isActive: true, campaignID: campaign.id, by: Self.staff, on: db)
            }
            let created = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: platform)
            let cart = created.cart.id
            let access = CartAccess.guest(token: try #require(created.guestToken))
            _ = try await ShoppingCarts.addLine(
                variant: shop.teeS.rawValue, quantity: 1, to: cart, access: access, on: platform)
            func discount() async throws -> Int64 {
                try await ShoppingCarts.view(cart, access: access, on: platform).priced?.totals.discount.amount ?? -1
            }

            #expect(try await Campaigns.showing(on: platform).isEmpty)
            env.clock.set(Date(timeIntervalSince1970: 1_800_054_000 + 3600))  // 2027-01-16 00:00 Stockholm, +1 h
            let announced = try await Campaigns.showing(on: platform)
            #expect(announced.map(\.phase) == [.announced] && announced[0].offers == ["Winter −50 %"])
            #expect(announced[0].secondsLeft == 23 * 3600)
            #expect(try await discount() == 0)  // visible, not yet buyable

            env.clock.advance(by: 24 * 3600)  // running
            #expect(try await discount() > 0)
            let other = try await env.openAnotherPool()
            let promotions = platform.promotions
            let sent = try await withThrowingTaskGroup(of: Int.self) { group in
                for database in [env.database, other, env.database, other] {
                    group.addTask {
                        try await database.inTransaction { db in try await promotions.announceCampaigns(on: db) }
                    }
                }
                return try await group.reduce(0, +)
            }
            await other.shutdown()
            #expect(sent == 1)
            env.clock.advance(by: 24 * 3600)  // ended
            #expect(try await discount() == 0)
            #expect(try await Campaigns.tick(on: platform) == 1)
            #expect(try await Campaigns.tick(on: platform) == 0)
            let events = try await platform.database.read { db in try await platform.outbox.history(limit: 1000, on: db)
            }
            #expect(events.filter { $0.type == PromotionStarted.eventType }.count == 1)
            #expect(events.filter { $0.type == PromotionEnded.eventType }.count == 1)
        }
    }
}
