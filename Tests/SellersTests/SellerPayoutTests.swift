import Flows
import Foundation
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

@Suite("Seller balances and payout runs in the store")
struct SellerPayoutTests {
    static let minimum = eur(1_000)

    static func run(
        _ key: String, minimum: Money = minimum, on platform: Platform, in database: Database? = nil
    ) async throws -> SellerPayoutRun {
        try await platform.sellers.runPayouts(
            minimum: minimum, at: platform.clock.now(), runKey: key, by: PayoutFixture.staff,
            in: database ?? platform.database)
    }

    @Test(
        "a sale is pending through its holdback and available after it; the fee counts at once",
        arguments: TestBackend.allCases)
    func holdback(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            let sold = env.clock.now
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_1", amount: 10_000, fee: 1_200, at: sold), on: platform)

            var balance = try await PayoutFixture.balance(seller, at: env.clock.now, on: platform)
            #expect(balance == SellerBalance(total: eur(8_800), pending: eur(10_000), available: eur(-1_200)))
            var run = try await Self.run("week-1", on: platform)
            #expect(run.paidCount == 0 && run.carriedCount == 1)

            env.clock.advance(by: Sellers.defaultHoldback - 1)
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).pending == eur(10_000))
            env.clock.advance(by: 1)
            balance = try await PayoutFixture.balance(seller, at: env.clock.now, on: platform)
            #expect(balance == SellerBalance(total: eur(8_800), pending: eur(0), available: eur(8_800)))
            // The SQL sum says what the pure rule says over the same rows.
            let rows = try await platform.database.read { db in
                try await platform.sellers.movements(of: seller, after: nil, limit: 100, on: db)
            }
            let pure = try SellerBalance.of(
                rows.map {
                    SellerMovement(
                        id: $0.id.rawValue, kind: $0.kind, amount: $0.amount, availableAt: $0.availableAt,
                        reference: $0.reference)
                }, currency: .eur, at: env.clock.now)
            #expect(pure == balance)

            run = try await Self.run("week-3", on: platform)
            #expect(run.paidCount == 1 && run.paidTotal == eur(8_800) && run.status == .finished)
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).total == eur(0))
            let payouts = try await PayoutFixture.payouts(seller, on: platform)
            #expect(payouts.map(\.amount) == [eur(8_800)])
            #expect(payouts.first?.iban == PayoutFixture.iban)
            #expect(payouts.first?.status == .scheduled)
            let events = try await platform.database.read { db in
                try await db.raw("SELECT payload FROM outbox_events WHERE type = 'seller.payout_scheduled'").all()
            }
            #expect(events.count == 1)
            #expect(try events.first?.string("payload").contains(payouts.first?.id.rawValue ?? "-") == true)
        }
    }

    @Test(
        "movements record once per key; a reused key, a wrong sign or a payout are refused",
        arguments: TestBackend.allCases)
    func idempotentRecording(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            let sale = PayoutFixture.sale(seller, order: "sub_1", amount: 10_000, fee: 1_200, at: env.clock.now)
            #expect(try await PayoutFixture.record(sale, on: platform) == 2)
            #expect(try await PayoutFixture.record(sale, on: platform) == 0)
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).total == eur(8_800))

            var changed = sale[0]
            changed.amount = eur(9_999)
            await #expect(throws: PayoutError.movementKeyReused(key: "sale:sub_1")) {
                _ = try await PayoutFixture.record([changed], on: platform)
            }
            var negativeSale = sale[0]
            negativeSale.key = "sale:sub_2"
            negativeSale.amount = eur(-5)
            await #expect(throws: PayoutError.invalidSign(index: 1, kind: .sale)) {
                _ = try await PayoutFixture.record([sale[1], negativeSale], on: platform)
            }
            var payout = sale[1]
            payout.kind = .payout
            payout.key = "payout:forged"
            await #expect(throws: PayoutError.payoutNotRecordable(index: 0)) {
                _ = try await PayoutFixture.record([payout], on: platform)
            }
            var stranger = sale[0]
            stranger.sellerID = SellerID.generate()
            stranger.key = "sale:sub_3"
            await #expect(throws: SellersError.sellerNotFound) {
                _ = try await PayoutFixture.record([stranger], on: platform)
            }
            // A refusal in the middle of a batch leaves nothing of the batch behind.
            let fresh = PayoutFixture.sale(seller, order: "sub_4", amount: 500, fee: 50, at: env.clock.now)
            await #expect(throws: PayoutError.movementKeyReused(key: "sale:sub_1")) {
                _ = try await PayoutFixture.record(fresh + [changed], on: platform)
            }
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).total == eur(8_800))
        }
    }

    @Test(
        "a run pays what is available only; small balances wait for the minimum; debts are recovered from sales",
        arguments: TestBackend.allCases)
    func carriedAndRecovered(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            let small = try await PayoutFixture.approvedSeller("Tiny Prints", on: platform)
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_1", amount: 10_000, fee: 1_000, at: env.clock.now)
                    + PayoutFixture.sale(small, order: "sub_2", amount: 800, fee: 100, at: env.clock.now),
                on: platform)
            env.clock.advance(by: Sellers.defaultHoldback)
            // A later sale is still in its holdback: not paid now.
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_3", amount: 4_000, fee: 400, at: env.clock.now), on: platform)
            var run = try await Self.run("run-1", on: platform)
            #expect(run.paidCount == 1 && run.paidTotal == eur(8_600) && run.carriedCount == 1)
            #expect(try await PayoutFixture.payouts(small, on: platform).isEmpty)

            // A refund after the payout makes the balance negative: carried, then covered by the next sales.
            _ = try await PayoutFixture.record(
                [
                    NewSellerMovement(
                        sellerID: seller, kind: .refund, amount: eur(-6_000), availableAt: env.clock.now,
                        reference: "sub_1", key: "refund:sub_1"),
                    NewSellerMovement(
                        sellerID: seller, kind: .feeRefund, amount: eur(600), availableAt: env.clock.now,
                        reference: "sub_1", key: "fee_refund:sub_1"),
                ], on: platform)
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).available == eur(-5_400))
            run = try await Self.run("run-2", on: platform)
            #expect(run.paidCount == 0 && run.carriedCount == 2)

            env.clock.advance(by: Sellers.defaultHoldback)
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(
                    small, order: "sub_4", amount: 500, fee: 50,
                    at: env.clock.now.addingTimeInterval(
                        -Sellers.defaultHoldback)), on: platform)
            run = try await Self.run("run-3", on: platform)
            // Seller: sub_3 (4,000) once available only cuts the 5,400 debt to 1,400; the small seller reaches 1,150.
            #expect(run.paidCount == 1 && run.paidTotal == eur(1_150))
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_5", amount: 3_000, fee: 300, at: env.clock.now, holdback: 0),
                on: platform)
            run = try await Self.run("run-4", on: platform)
            #expect(run.paidTotal == eur(1_300))
            let paid = try await PayoutFixture.payouts(seller, on: platform).map(\.amount)
            #expect(paid == [eur(8_600), eur(1_300)])
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).total == eur(0))
        }
    }

    @Test("suspended and closed sellers are held, not paid, and paid once reinstated", arguments: TestBackend.allCases)
    func heldSellers(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let suspended = try await PayoutFixture.approvedSeller("Paused Pottery", on: platform)
            let closed = try await PayoutFixture.approvedSeller("Gone Glass", on: platform)
            for (seller, order) in [(suspended, "sub_1"), (closed, "sub_2")] {
                _ = try await PayoutFixture.record(
                    PayoutFixture.sale(seller, order: order, amount: 5_000, fee: 500, at: env.clock.now, holdback: 0),
                    on: platform)
            }
            for (seller, status) in [(suspended, SellerStatus.suspended), (closed, .closed)] {
                try await platform.database.inTransaction { db in
                    _ = try await platform.sellers.transition(
                        seller, to: status, reason: "chargebacks under review", as: .operator,
                        by: PayoutFixture.staff, requestID: nil, on: db)
                }
            }
            var run = try await Self.run("run-1", on: platform)
            #expect(run.paidCount == 0 && run.heldCount == 2 && run.heldTotal == eur(9_000))
            let held = try await PayoutFixture.payouts(suspended, on: platform)
            #expect(held.map(\.status) == [.held])
            #expect(held.first?.reason?.contains("suspended") == true)
            #expect(try await PayoutFixture.balance(suspended, at: env.clock.now, on: platform).available == eur(4_500))

            try await platform.database.inTransaction { db in
                _ = try await platform.sellers.transition(
                    suspended, to: .approved, reason: "cleared", as: .operator, by: PayoutFixture.staff,
                    requestID: nil, on: db)
            }
            run = try await Self.run("run-2", on: platform)
            #expect(run.paidCount == 1 && run.paidTotal == eur(4_500) && run.heldCount == 1)
        }
    }

    @Test("runs started at once never pay the same balance twice", arguments: TestBackend.allCases)
    func concurrentRuns(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            var sellers: [SellerID] = []
            for index in 0..<12 {
                let seller = try await PayoutFixture.approvedSeller("Seller \(index)", on: platform)
                sellers.append(seller)
                // 500 to 6,000 of sales less a 10 % fee: a few stay under the 1,000 minimum.
                let amount = Int64(500 * (index + 1))
                _ = try await PayoutFixture.record(
                    PayoutFixture.sale(
                        seller, order: "sub_\(index)", amount: amount, fee: amount / 10,
                        at: env.clock.now, holdback: 0), on: platform)
            }
            var before: [SellerID: Money] = [:]
            for seller in sellers {
                before[seller] = try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).available
            }
            let other = try await env.openAnotherPool()
            let databases = [platform.database, other]
            // Six runs with their own keys and three sharing one key, half from another pool.
            let keys = (0..<6).map { "run-\($0)" } + ["shared", "shared", "shared"]
            let runs = try await withThrowingTaskGroup(of: SellerPayoutRun.self) { group in
                for (index, key) in keys.enumerated() {
                    group.addTask { try await Self.run(key, on: platform, in: databases[index % 2]) }
                }
                return try await group.reduce(into: [SellerPayoutRun]()) { $0.append($1) }
            }
            await other.shutdown()

            var paidTotal: Int64 = 0
            var expectedTotal: Int64 = 0
            for seller in sellers {
                let expected = before[seller]!.amount >= Self.minimum.amount ? before[seller]!.amount : 0
                let paid = try await PayoutFixture.payouts(seller, on: platform).filter { $0.status == .scheduled }
                #expect(paid.count == (expected > 0 ? 1 : 0), "\(seller)")
                #expect(paid.reduce(0) { $0 + $1.amount.amount } == expected, "\(seller)")
                let after = try await PayoutFixture.balance(seller, at: env.clock.now, on: platform)
                #expect(after.available.amount == before[seller]!.amount - expected)
                paidTotal += paid.reduce(0) { $0 + $1.amount.amount }
                expectedTotal += expected
            }
            #expect(paidTotal == expectedTotal)
            // Every run's own figures add up to the same total, each payout counted in one run only.
            let distinct = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(distinct.count == 7)
            #expect(distinct.values.reduce(0) { $0 + $1.paidTotal.amount } == expectedTotal)
            let events = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'seller.payout_scheduled'")
                    .first()?.int("n")
            }
            #expect(events == sellers.filter { before[$0]!.amount >= Self.minimum.amount }.count)
        }
    }

    @Test("the same run key returns the same run and pays nothing again", arguments: TestBackend.allCases)
    func runKey(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_1", amount: 5_000, fee: 500, at: env.clock.now, holdback: 0),
                on: platform)
            let first = try await Self.run("2026-W50", on: platform)
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_2", amount: 5_000, fee: 500, at: env.clock.now, holdback: 0),
                on: platform)
            let again = try await Self.run("2026-W50", on: platform)
            #expect(again == first)
            #expect(try await PayoutFixture.payouts(seller, on: platform).count == 1)
            await #expect(throws: PayoutError.runKeyReused) {
                _ = try await Self.run("2026-W50", minimum: eur(5), on: platform)
            }
        }
    }

    @Test("a failed payout credits the seller again, so the next run pays it", arguments: TestBackend.allCases)
    func failedPayout(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_1", amount: 5_000, fee: 500, at: env.clock.now, holdback: 0),
                on: platform)
            _ = try await Self.run("run-1", on: platform)
            let payout = try #require(try await PayoutFixture.payouts(seller, on: platform).first)
            let failed = try await platform.database.inTransaction { db in
                try await platform.sellers.settlePayout(
                    payout.id, paid: false, reason: "account closed", by: PayoutFixture.staff, on: db)
            }
            #expect(failed.status == .failed)
            await #expect(throws: PayoutError.payoutNotScheduled(.failed)) {
                try await platform.database.inTransaction { db in
                    _ = try await platform.sellers.settlePayout(
                        payout.id, paid: true, reason: nil, by: PayoutFixture.staff, on: db)
                }
            }
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).available == eur(4_500))
            let run = try await Self.run("run-2", on: platform)
            #expect(run.paidTotal == eur(4_500))
        }
    }

    @Test(
        "a statement explains the balance line by line: opening plus movements is closing",
        arguments: TestBackend.allCases)
    func statement(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            let start = env.clock.now
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_1", amount: 10_000, fee: 1_000, at: start), on: platform)
            env.clock.advance(by: 3 * 86_400)
            let from = env.clock.now
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_2", amount: 4_000, fee: 400, at: env.clock.now), on: platform)
            env.clock.advance(by: Sellers.defaultHoldback)
            _ = try await Self.run("run-1", on: platform)
            try await platform.database.inTransaction { db in
                _ = try await platform.sellers.adjust(
                    seller, amount: eur(-250), note: "damaged return shipping label", reference: "sub_2", key: "adj-1",
                    by: PayoutFixture.staff, on: db)
            }
            env.clock.advance(by: 86_400)
            let to = env.clock.now
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_3", amount: 2_000, fee: 200, at: env.clock.now), on: platform)

            let statement = try await platform.database.read { db in
                try await platform.sellers.statement(of: seller, currency: .eur, from: from, to: to, on: db)
            }
            #expect(statement.opening == eur(9_000))
            #expect(statement.lines.map(\.kind) == [.sale, .fee, .payout, .adjustment])
            var running = statement.opening.amount
            for line in statement.lines {
                running += line.amount.amount
                #expect(line.balanceAfter.amount == running)
            }
            #expect(statement.closing.amount == running)
            #expect(statement.closing == eur(-250))
            #expect(statement.lines.last?.note == "damaged return shipping label")
            let balance = try await PayoutFixture.balance(seller, at: to, on: platform)
            let after = try await platform.database.read { db in
                try await platform.sellers.statement(
                    of: seller, currency: .eur, from: to, to: to.addingTimeInterval(1), on: db)
            }
            #expect(after.opening.amount == statement.closing.amount)
            #expect(balance.total.amount == statement.closing.amount + 1_800)
            await #expect(throws: PayoutError.invalidPeriod) {
                _ = try await platform.database.read { db in
                    try await platform.sellers.statement(of: seller, currency: .eur, from: to, to: from, on: db)
                }
            }
        }
    }

    @Test("the database refuses to change or delete a movement", arguments: TestBackend.allCases)
    func appendOnly(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            _ = try await PayoutFixture.record(
                PayoutFixture.sale(seller, order: "sub_1", amount: 10_000, fee: 1_000, at: env.clock.now), on: platform)
            await #expect(throws: (any Error).self) {
                try await platform.database.inTransaction { db in
                    try await db.raw("UPDATE seller_movements SET amount = 1 WHERE kind = 'fee'").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await platform.database.inTransaction { db in
                    try await db.raw("DELETE FROM seller_movements").run()
                }
            }
            #expect(try await PayoutFixture.balance(seller, at: env.clock.now, on: platform).total == eur(9_000))
        }
    }
}
