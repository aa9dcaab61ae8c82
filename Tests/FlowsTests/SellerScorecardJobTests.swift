import Flows
import Foundation
import Orders
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

/// The daily scorecard on real orders: late shipments warn a seller, a warning left unanswered past its grace
/// period suspends them through the lifecycle, and a new seller is not judged on one bad order.
@Suite("Seller scorecards from real orders")
struct SellerScorecardJobTests {
    typealias R = SellerReputationTests

    @Test(
        "many late shipments warn a seller, then suspend them after the grace period; one bad order does not",
        arguments: TestBackend.allCases)
    func warnThenSuspend(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            try await TestMarketplace.setCommission(on: platform)
            let slow = try await TestMarketplace.approvedSeller("Slow", on: platform)
            let fresh = try await TestMarketplace.approvedSeller("Fresh", on: platform)
            let slowMug = try await TestMarketplace.offer(
                shop.mug.rawValue, by: slow, price: 1_000, quantity: 30, on: platform)
            let freshTee = try await TestMarketplace.offer(
                shop.teeM.rawValue, by: fresh, price: 1_500, quantity: 3, on: platform)
            let ada = try await R.customer("ada@example.com", name: "Ada Lovelace", on: platform)
            env.clock.advance(by: 60)

            // 22 orders with Slow (above the 20-shipment minimum), one with Fresh; all shipped ten days later.
            var parts: [SubOrder] = []
            for index in 0..<22 {
                parts.append(try await R.buy(slowMug, as: ada, shop: shop, key: "slow-\(index)", on: platform))
            }
            parts.append(try await R.buy(freshTee, as: ada, shop: shop, key: "fresh", on: platform))
            env.clock.advance(by: 10 * 86_400)
            for part in parts { try await R.deliver(part, on: platform) }
            let first = parts[0].id
            let shipped = try await platform.database.read { db in
                try await platform.orders.subOrder(first, ofSeller: slow.rawValue, on: db)
            }
            #expect(abs((shipped.shippedAt ?? .distantPast).timeIntervalSince(env.clock.now)) < 0.001)

            // First evaluation: Slow is bad enough to be suspended but has not been warned: a warning.
            var outcomes = try await SellerScorecards.evaluateAll(on: platform)
            let warned = try #require(outcomes.first { $0.sellerID == slow })
            #expect(warned.verdict.standing == .warn && warned.recorded && !warned.suspended)
            #expect(warned.verdict.suspensionHeld == .notWarnedYet)
            #expect(warned.verdict.reasons.first?.metric == .onTimeShipment)
            #expect(outcomes.first { $0.sellerID == fresh }?.verdict.standing == .good)
            var card = try await SellerScorecards.current(slow, on: platform)
            #expect(card.performance.orders == 22 && card.performance.shippedLate == 22)
            #expect(card.history.count == 1 && card.history.first?.verdict.warnedAt != nil)
            // The job running again the same day records nothing more, and warns once.
            outcomes = try await SellerScorecards.evaluateAll(on: platform)
            #expect(outcomes.allSatisfy { !$0.recorded })
            let warnings = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'seller.scorecard_warned'")
                    .first()?.decode(column: "n", as: Int.self)
            }
            #expect(warnings == 1)

            // Within the grace period: still a warning.
            env.clock.advance(by: 7 * 86_400)
            outcomes = try await SellerScorecards.evaluateAll(on: platform)
            #expect(outcomes.first { $0.sellerID == slow }?.verdict.standing == .warn)
            // Past it: suspended through the lifecycle, with the metric named; Fresh trades on.
            env.clock.advance(by: 8 * 86_400)
            outcomes = try await SellerScorecards.evaluateAll(on: platform)
            #expect(outcomes.first { $0.sellerID == slow }?.suspended == true)
            let (slowNow, freshNow) = try await platform.database.read { db in
                (try await platform.sellers.seller(slow, on: db), try await platform.sellers.seller(fresh, on: db))
            }
            #expect(slowNow.status == .suspended)
            #expect(slowNow.statusReason?.contains("on time shipment") == true, "\(slowNow.statusReason ?? "")")
            #expect(freshNow.status == .approved)
            card = try await SellerScorecards.current(slow, on: platform)
            #expect(card.history.first?.suspended == true)
            // A suspended seller is no longer evaluated.
            outcomes = try await SellerScorecards.evaluateAll(on: platform)
            #expect(!outcomes.contains { $0.sellerID == slow })
        }
    }

    @Test(
        "a dispatch deadline counts working days only",
        arguments: [
            // Monday 2026-12-07 10:00 UTC + 2 working days → end of Wednesday.
            (1_796_637_600.0, 2, 1_796_860_800.0),
            // Friday 2026-12-11 10:00 UTC + 2 working days → end of Tuesday.
            (1_796_983_200.0, 2, 1_797_379_200.0),
        ])
    func deadline(placed: Double, days: Int, deadline: Double) {
        let due = SellerScorecards.dispatchDeadline(
            placedAt: Date(timeIntervalSince1970: placed), handlingDays: days)
        #expect(due == Date(timeIntervalSince1970: deadline))
    }
}
