import Flows
import Foundation
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

/// The reads the console's payout pages make: every seller's balance in one query, a run by its key and how
/// far a run has got.
@Suite("Payout progress and seller balances in the store")
struct SellerPayoutProgressTests {
    @Test(
        "every seller's balance is the one the seller reads, in seller order, paged, per currency",
        arguments: TestBackend.allCases)
    func accountBalances(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let paid = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            let owing = try await PayoutFixture.approvedSeller("Tiny Prints", on: platform)
            _ = try await PayoutFixture.approvedSeller("No Sales Yet", on: platform)
            let now = env.clock.now
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(paid, order: "sub_1", amount: 10_000, fee: 1_200, at: now, holdback: 0)
                    + PayoutFixture.sale(owing, order: "sub_2", amount: 5_000, fee: 500, at: now),
                on: platform)

            let all = try await platform.database.read { db in
                try await platform.sellers.accountBalances(currency: .eur, at: now, after: nil, limit: 10, on: db)
            }
            #expect(all.map(\.sellerID) == [paid, owing].sorted { $0.rawValue < $1.rawValue }, "no account, no row")
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.sellerID, $0) })
            #expect(byID[paid]?.balance == SellerBalance(total: eur(8_800), pending: eur(0), available: eur(8_800)))
            #expect(byID[owing]?.balance == SellerBalance(total: eur(4_500), pending: eur(5_000), available: eur(-500)))
            #expect(byID[owing]?.displayName == "Tiny Prints" && byID[owing]?.status == .approved)
            for account in all {
                #expect(try await PayoutFixture.balance(account.sellerID, at: now, on: platform) == account.balance)
            }
            let rest = try await platform.database.read { db in
                try await platform.sellers.accountBalances(
                    currency: .eur, at: now, after: all.first?.sellerID, limit: 10, on: db)
            }
            #expect(rest.map(\.sellerID) == [all.last?.sellerID])
            let dollars = try await platform.database.read { db in
                try await platform.sellers.accountBalances(currency: .usd, at: now, after: nil, limit: 10, on: db)
            }
            #expect(dollars.isEmpty)
            let names = try await platform.database.read { db in
                try await platform.sellers.displayNames(of: [paid, owing, paid], on: db)
            }
            #expect(names == [paid: "Nordic Ceramics", owing: "Tiny Prints"])
        }
    }

    @Test("a seller's offers are counted by status", arguments: TestBackend.allCases)
    func offerCounts(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let seller = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let other = try await TestMarketplace.approvedSeller("Tiny Prints", on: platform)
            let none = try await TestMarketplace.approvedSeller("No Offers Yet", on: platform)
            let mug = try await TestMarketplace.offer(
                shop.mug.rawValue, by: seller, price: 1_250, quantity: 4, on: platform)
            _ = try await TestMarketplace.offer(shop.teeS.rawValue, by: seller, price: 1_800, quantity: 2, on: platform)
            _ = try await TestMarketplace.offer(shop.teeM.rawValue, by: other, price: 1_900, quantity: 1, on: platform)
            _ = try await platform.database.inTransaction { db in
                try await platform.sellers.updateOffer(
                    mug.id, of: seller, SellerOfferChanges(status: .paused), by: PayoutFixture.staff, on: db)
            }
            let counts = try await platform.database.read { db in
                (
                    try await platform.sellers.offerCounts(of: seller, on: db),
                    try await platform.sellers.offerCounts(of: none, on: db)
                )
            }
            #expect(counts.0 == [.active: 1, .paused: 1])
            #expect(counts.1.isEmpty)
        }
    }

    @Test(
        "a stopped run's progress counts the sellers behind its cursor; resumed by its key it finishes them all",
        arguments: TestBackend.allCases)
    func progress(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let first = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            let second = try await PayoutFixture.approvedSeller("Tiny Prints", on: platform)
            let now = env.clock.now
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(first, order: "sub_1", amount: 10_000, fee: 1_000, at: now, holdback: 0)
                    + PayoutFixture.sale(second, order: "sub_2", amount: 4_000, fee: 400, at: now, holdback: 0),
                on: platform)
            let (low, high) = first.rawValue < second.rawValue ? (first, second) : (second, first)
            // A run stopped by a restart before its first batch was recorded.
            let id = PayoutRunID.generate(at: now)
            try await platform.database.inTransaction { db in
                try await db.raw(
                    """
                    INSERT INTO seller_payout_runs (id, run_key, currency, minimum, status, resume_after, carried_count,
                        paid_count, paid_total, held_count, held_total, actor_kind, actor_id, started_at)
                    VALUES (\(bind: id.rawValue), 'stopped', 'EUR', 1000, 'running', '', 0, 0, 0, 0, 0, 'staff', 'stf_test',
                        \(bind: now.epochMicroseconds))
                    """
                ).run()
            }
            let read = { (key: String) in
                try await platform.database.read { db -> (SellerPayoutRun?, PayoutRunProgress?) in
                    guard let run = try await platform.sellers.payoutRun(key: key, on: db) else { return (nil, nil) }
                    return (run, try await platform.sellers.progress(of: run, on: db))
                }
            }
            var (run, progress) = try await read("stopped")
            #expect(run?.id == id && run?.status == .running)
            #expect(progress == PayoutRunProgress(visited: 0, sellers: 2))

            try await platform.database.inTransaction { db in
                try await db.raw(
                    "UPDATE seller_payout_runs SET resume_after = \(bind: low.rawValue) WHERE id = \(bind: id.rawValue)"
                ).run()
            }
            (_, progress) = try await read("stopped")
            #expect(progress == PayoutRunProgress(visited: 1, sellers: 2))

            let finished = try await platform.sellers.runPayouts(
                minimum: eur(1_000), at: now, runKey: "stopped", by: PayoutFixture.staff, in: platform.database)
            #expect(finished.id == id && finished.status == .finished)
            #expect(finished.paidCount == 1, "the seller behind the cursor counted as done; only \(high) was paid")
            (run, progress) = try await read("stopped")
            #expect(run?.status == .finished && progress == PayoutRunProgress(visited: 2, sellers: 2))
            #expect(try await read("never-started").0 == nil)

            env.clock.advance(by: 1)
            let later = try await platform.sellers.runPayouts(
                minimum: eur(1_000), at: env.clock.now, runKey: "later", by: PayoutFixture.staff,
                in: platform.database)
            let latest = try await platform.database.read { db in
                try await platform.sellers.latestPayoutRuns(limit: 5, on: db)
            }
            #expect(latest.map(\.id) == [later.id, id], "newest first")
        }
    }
}
