import Flows
import Foundation
import Identity
import Payments
import Persistence
import Promotions
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Group deals end to end: joins authorise, settlement captures everyone once at the final tier price with a
/// voucher each, or releases everyone once; never a mix, never twice, whatever races or stops half-way.
@Suite("Group deals")
struct GroupDealTests {
    static let staff = AuditActor(kind: "staff", id: "stf_marketing")
    static let till = AuditActor(kind: "staff", id: "stf_till")

    static func euros(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }

    /// Mugs (9.00 regular) at 8.00, 7.00 from four participants; tips at `min`; deadline in an hour.
    static func mugDeal(
        _ shop: TestShop, min: Int = 3, max: Int? = nil, on platform: Platform
    ) async throws -> GroupDeal {
        let now = platform.clock.now()
        return try await GroupDeals.create(
            GroupDealDraft(
                title: "Mugs together", variantID: shop.mug.rawValue,
                tiers: [
                    GroupDealTier(fromParticipants: 1, unitPrice: euros(800)),
                    GroupDealTier(fromParticipants: 4, unitPrice: euros(700)),
                ],
                minParticipants: min, maxParticipants: max, opensAt: now, deadline: now.addingTimeInterval(3600),
                voucherValidDays: 30),
            by: staff, on: platform)
    }

    /// `count` new customers, each joined with an approving card.
    static func join(
        _ count: Int, _ deal: GroupDeal, on platform: Platform
    ) async throws -> [GroupDealSeat] {
        var seats: [GroupDealSeat] = []
        for _ in 0..<count {
            seats.append(
                try await GroupDeals.join(
                    deal.id, customerID: CustomerID.generate().rawValue, cardNumber: TestCard.approves, on: platform))
        }
        return seats
    }

    static func snapshot(_ deal: GroupDeal, on platform: Platform) async throws -> GroupDealSnapshot {
        try await platform.database.read { db in try await platform.promotions.groupDealSnapshot(deal.id, on: db) }
    }

    /// Succeeded provider calls of `kind` per payment of the deal's participants.
    static func calls(
        _ kind: String, _ deal: GroupDeal, on platform: Platform
    ) async throws -> [String: Int] {
        try await platform.database.read { db in
            try await db.raw(
                """
                SELECT a.payment_id, COUNT(*) AS n FROM payment_attempts a
                JOIN promotion_group_deal_participants p ON p.payment_id = a.payment_id
                WHERE p.deal_id = \(bind: deal.id.rawValue) AND a.kind = \(bind: kind) AND a.status = 'succeeded'
                GROUP BY a.payment_id
                """
            ).all().reduce(into: [String: Int]()) { $0[try $1.string("payment_id")] = try $1.int("n") }
        }
    }

    static func payment(_ seat: GroupDealSeat, on platform: Platform) async throws -> Payment {
        try await platform.database.read { db in
            try await platform.payments.payment(try #require(PaymentID(seat.participant.paymentID)), on: db)
        }
    }

    @Test(
        "a deal that tips captures every participant once at the final tier price and gives each a unique voucher, redeemed once",
        arguments: TestBackend.allCases)
    func tips(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, on: platform)
            let seats = try await Self.join(4, deal, on: platform)
            // The first three authorised the first tier's price, the fourth the lower one it reached.
            #expect(seats.map(\.participant.authorisedAmount) == [800, 800, 800, 700].map(Self.euros))
            #expect(seats.map(\.number) == [1, 2, 3, 4] && seats.allSatisfy { $0.status == .joined })
            let shown = try await GroupDeals.showing(deal.id, on: platform)
            #expect(shown.phase == .tipped && shown.participants == 4 && shown.currentPrice == Self.euros(700))
            #expect(shown.snapshot.deal.tippedAt != nil)
            #expect(shown.snapshot.log.filter { if case .tipped = $0 { true } else { false } }.count == 1)
            #expect(shown.snapshot.log.count == 5)
            // Nothing is due before the deadline.
            #expect(try await GroupDeals.settleDue(on: platform) == 0)

            env.clock.advance(by: 3601)
            #expect(try await GroupDeals.settleDue(on: platform) == 1)
            let settled = try await Self.snapshot(deal, on: platform)
            #expect(settled.deal.status == .succeeded && settled.deal.settledAt != nil)
            #expect(settled.seats.allSatisfy { $0.status == .captured && $0.step == nil })
            #expect(settled.seats.map(\.participant.capturedAmount) == Array(repeating: Self.euros(700), count: 4))
            let captures = try await Self.calls("capture", deal, on: platform)
            #expect(captures.count == 4 && captures.values.allSatisfy { $0 == 1 })
            for seat in seats {
                #expect(try await Self.payment(seat, on: platform).capturedAmount == Self.euros(700))
            }
            #expect(Set(settled.vouchers.map(\.code)).count == 4)
            #expect(Set(settled.vouchers.map(\.participantID)) == Set(seats.map(\.participant.id)))
            // Settling again does nothing.
            #expect(try await GroupDeals.settle(deal.id, on: platform).steps == 0)
            #expect(try await GroupDeals.settleDue(on: platform) == 0)

            // Six tills redeem one voucher at once: exactly one wins.
            let code = try #require(settled.vouchers.first?.code)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await platform.database.inTransaction { db in
                                try await platform.promotions.redeemGroupDealVoucher(
                                    code.lowercased(), by: Self.till, on: db)
                            }
                            return "redeemed"
                        } catch let error as PromotionsError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.sorted() == ["redeemed"] + Array(repeating: "voucher_already_redeemed", count: 5))
            // Another voucher, a month and a day later: expired.
            env.clock.advance(by: 31 * 86_400)
            await #expect(throws: PromotionsError.voucherExpired) {
                _ = try await platform.database.inTransaction { db in
                    try await platform.promotions.redeemGroupDealVoucher(
                        settled.vouchers[1].code, by: Self.till, on: db)
                }
            }
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a deal that misses its minimum voids every authorisation once, and joins after the deadline are refused with nothing written",
        arguments: TestBackend.allCases)
    func missesMinimum(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, on: platform)
            let seats = try await Self.join(2, deal, on: platform)
            // A declined card holds no place.
            await #expect(throws: GroupDealFlowError.paymentDeclined(reason: "card_declined")) {
                _ = try await GroupDeals.join(
                    deal.id, customerID: CustomerID.generate().rawValue, cardNumber: TestCard.declines, on: platform)
            }
            // Leaving before it tips releases the authorisation at once.
            let left = try await GroupDeals.leave(deal.id, customerID: seats[1].participant.customerID, on: platform)
            #expect(left.status == .left)
            #expect(try await Self.payment(seats[1], on: platform).status == .voided)

            env.clock.advance(by: 3600)
            let before = try await platform.database.read { db in
                try await db.raw(
                    "SELECT (SELECT COUNT(*) FROM payments) + (SELECT COUNT(*) FROM promotion_group_deal_participants) AS n"
                ).first()?.decode(column: "n", as: Int.self)
            }
            await #expect(throws: PromotionsError.groupDealClosed) {
                _ = try await GroupDeals.join(
                    deal.id, customerID: CustomerID.generate().rawValue, cardNumber: TestCard.approves, on: platform)
            }
            let after = try await platform.database.read { db in
                try await db.raw(
                    "SELECT (SELECT COUNT(*) FROM payments) + (SELECT COUNT(*) FROM promotion_group_deal_participants) AS n"
                ).first()?.decode(column: "n", as: Int.self)
            }
            #expect(before == after)

            #expect(try await GroupDeals.settleDue(on: platform) == 1)
            let settled = try await Self.snapshot(deal, on: platform)
            #expect(settled.deal.status == .failed && settled.vouchers.isEmpty)
            #expect(settled.seats.map(\.status) == [.voided, .left, .rejected])
            #expect(try await Self.payment(seats[0], on: platform).status == .voided)
            #expect(try await Self.calls("capture", deal, on: platform).isEmpty)
            #expect(try await Self.calls("void", deal, on: platform).values.sorted() == [1, 1])
            #expect(try await GroupDeals.settle(deal.id, on: platform).steps == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a capture declined after tipping that leaves too few charged fails the deal: captures refunded, the rest voided, once each",
        arguments: TestBackend.allCases)
    func declinedCapture(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, on: platform)
            let seats = try await Self.join(3, deal, on: platform)
            // The third shopper's authorisation is withdrawn before the deadline.
            try await platform.payments.void(
                try #require(PaymentID(seats[2].participant.paymentID)), in: platform.database)

            env.clock.advance(by: 3600)
            let run = try await GroupDeals.settle(deal.id, on: platform)
            #expect(run.status == .failed)
            let settled = try await Self.snapshot(deal, on: platform)
            #expect(settled.seats.map(\.status) == [.refunded, .refunded, .voided])
            #expect(settled.vouchers.isEmpty)
            for seat in seats.prefix(2) {
                let payment = try await Self.payment(seat, on: platform)
                #expect(payment.capturedAmount == Self.euros(800) && payment.refundedAmount == Self.euros(800))
            }
            #expect(try await Self.calls("capture", deal, on: platform).values.sorted() == [1, 1])
            #expect(try await Self.calls("refund", deal, on: platform).values.sorted() == [1, 1])
            #expect(try await GroupDeals.settle(deal.id, on: platform).steps == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a capture declined after tipping with enough others charged still succeeds: vouchers for the charged, the declined one voided",
        arguments: TestBackend.allCases)
    func declinedCaptureStillSucceeds(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, min: 2, on: platform)
            let seats = try await Self.join(3, deal, on: platform)
            try await platform.payments.void(
                try #require(PaymentID(seats[0].participant.paymentID)), in: platform.database)

            env.clock.advance(by: 3600)
            #expect(try await GroupDeals.settle(deal.id, on: platform).status == .succeeded)
            let settled = try await Self.snapshot(deal, on: platform)
            #expect(settled.seats.map(\.status) == [.voided, .captured, .captured])
            // The price stays the tier of the three counted at the deadline.
            #expect(settled.seats.compactMap(\.participant.capturedAmount) == [Self.euros(800), Self.euros(800)])
            #expect(Set(settled.vouchers.map(\.participantID)) == Set(seats.suffix(2).map(\.participant.id)))
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "eight shoppers joining a deal of four places at once: exactly four get in", arguments: TestBackend.allCases)
    func concurrentJoins(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, min: 2, max: 4, on: platform)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await GroupDeals.join(
                                deal.id, customerID: CustomerID.generate().rawValue, cardNumber: TestCard.approves,
                                on: platform)
                            return "joined"
                        } catch let error as PromotionsError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "joined" }.count == 4, "\(outcomes)")
            #expect(outcomes.filter { $0 == "group_deal_full" }.count == 4, "\(outcomes)")
            let snapshot = try await Self.snapshot(deal, on: platform)
            #expect(snapshot.seats.count == 4 && Set(snapshot.seats.map(\.number)) == [1, 2, 3, 4])
            // Full, so due before the deadline.
            #expect(try await GroupDeals.settleDue(on: platform) == 1)
            #expect(try await Self.snapshot(deal, on: platform).deal.status == .succeeded)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "two settlement runs at once capture each participant exactly once and issue one voucher each",
        arguments: TestBackend.allCases)
    func concurrentSettlement(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, on: platform)
            let seats = try await Self.join(6, deal, on: platform)
            env.clock.advance(by: 3600)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask { _ = try await GroupDeals.settle(deal.id, on: platform) }
                }
                try await group.waitForAll()
            }
            let settled = try await Self.snapshot(deal, on: platform)
            #expect(settled.deal.status == .succeeded)
            #expect(settled.seats.allSatisfy { $0.status == .captured && $0.step == nil })
            let captures = try await Self.calls("capture", deal, on: platform)
            #expect(captures.count == 6 && captures.values.allSatisfy { $0 == 1 })
            let attempts = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM payment_attempts WHERE kind = 'capture'").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(attempts == 6)
            #expect(settled.vouchers.count == 6 && Set(settled.vouchers.map(\.code)).count == 6)
            #expect(Set(settled.vouchers.map(\.participantID)) == Set(seats.map(\.participant.id)))
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a run that stops between claiming a capture and calling the provider is finished by the next, without repeats",
        arguments: TestBackend.allCases)
    func resumesAfterCrash(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, on: platform)
            let seats = try await Self.join(3, deal, on: platform)
            env.clock.advance(by: 3600)
            // The first run claims a capture, starts its attempt, and stops ("crashes") before the provider call.
            let stopped = try #require(try await GroupDeals.startNextStep(deal.id, on: platform))
            #expect(stopped.step == .capture && stopped.attempt != nil)
            // A second run right away leaves that step to its owner and takes one more step only.
            #expect(try await GroupDeals.settle(deal.id, maxSteps: 1, on: platform).steps == 1)
            var snapshot = try await Self.snapshot(deal, on: platform)
            #expect(snapshot.seats.map(\.status) == [.joined, .captured, .joined])
            #expect(snapshot.seats[0].step == .capture)
            // A later run finishes the abandoned step with the same attempt, then the rest.
            env.clock.advance(by: GroupDeals.abandonedAfter + 1)
            #expect(try await GroupDeals.settle(deal.id, on: platform).status == .succeeded)
            snapshot = try await Self.snapshot(deal, on: platform)
            #expect(snapshot.seats.allSatisfy { $0.status == .captured && $0.step == nil })
            let attempts = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM payment_attempts WHERE kind = 'capture'").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(attempts == 3)
            #expect(try await Self.calls("capture", deal, on: platform).values.sorted() == [1, 1, 1])
            #expect(snapshot.vouchers.count == 3)
            #expect(seats.count == 3)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a join whose card does not answer waits; the reconcile job and provider webhooks leave group-deal payments to settlement, which confirms the join and settles",
        arguments: TestBackend.allCases)
    func unansweredJoin(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await Self.mugDeal(shop, min: 2, on: platform)
            _ = try await Self.join(1, deal, on: platform)
            let slow = try await GroupDeals.join(
                deal.id, customerID: CustomerID.generate().rawValue, cardNumber: TestCard.timesOutAfterCharge,
                on: platform)
            #expect(slow.status == .authorising)
            #expect(try await Self.payment(slow, on: platform).status == .unknown)
            // The processor reports the authorisation by webhook; it goes through the verified path without
            // touching orders, and the seat is left to settlement.
            for webhook in await platform.testCards.drainWebhooks() {
                _ = try await PaymentWebhooks.receive(
                    provider: platform.testCards.name, headers: webhook.headers, body: webhook.body, on: platform)
            }
            #expect(try await Self.payment(slow, on: platform).status == .authorized)
            #expect(try await Self.snapshot(deal, on: platform).seats.last?.status == .authorising)

            // The payment's abandonment check (the reconcile job) runs without failing.
            env.clock.advance(by: 20 * 60)
            let worker = JobWorker(
                database: platform.database, queue: platform.jobs,
                handlers: [PaymentWebhooks.reconcileJob(on: platform)])
            #expect(try await worker.runDue() > 0)
            #expect(try await Self.payment(slow, on: platform).status == .authorized)
            let failed = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE last_error IS NOT NULL").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(failed == 0)

            env.clock.advance(by: 3600)
            #expect(try await GroupDeals.settleDue(on: platform) == 1)
            let settled = try await Self.snapshot(deal, on: platform)
            #expect(settled.deal.status == .succeeded)
            #expect(settled.seats.map(\.status) == [.captured, .captured] && settled.vouchers.count == 2)
            // So do the processor's webhooks for the captures.
            for webhook in await platform.testCards.drainWebhooks() {
                _ = try await PaymentWebhooks.receive(
                    provider: platform.testCards.name, headers: webhook.headers, body: webhook.body, on: platform)
            }
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }
}
