import Flows
import Foundation
import Ledger
import Payments
import Persistence
import Promotions
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Group-deal money in the books: a participant's capture is a prepayment the shop owes in goods, a refund
/// gives it back, a redeemed voucher turns it into a sale with its VAT; each event posts once.
@Suite("Bookkeeping for group deals")
struct GroupDealBookkeepingTests {
    static func euros(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }

    /// Four mugs bought together at the 7.00 tier, settled and every event delivered to the books.
    static func tippedDeal(
        _ env: TestEnvironment, on platform: Platform
    ) async throws -> (deal: GroupDeal, snapshot: GroupDealSnapshot) {
        let shop = try await TestShop.seed(on: platform)
        let deal = try await GroupDealTests.mugDeal(shop, on: platform)
        _ = try await GroupDealTests.join(4, deal, on: platform)
        env.clock.advance(by: 3601)
        #expect(try await GroupDeals.settle(deal.id, on: platform).status == .succeeded)
        try await BookkeepingTests.deliver(platform)
        return (deal, try await GroupDealTests.snapshot(deal, on: platform))
    }

    static func entries(like pattern: String, on platform: Platform) async throws -> [String] {
        try await platform.database.read { db in
            try await db.raw(
                "SELECT source_key FROM ledger_entries WHERE source_key LIKE \(bind: pattern) ORDER BY source_key"
            ).all().map { try $0.string("source_key") }
        }
    }

    @Test("the group-deal rules balance: VAT when paid (a single-purpose voucher), the net into sales when redeemed")
    func rulesBalance() throws {
        // 9.99 with 12 % VAT in it: 1.07 VAT and 8.92 net, both at the deal's rate.
        let facts = try GroupDealFacts.split(Self.euros(999), vatRate: 1_200)
        for rule in [
            PostingRules.groupDealPrepaid, PostingRules.groupDealRefund, PostingRules.groupDealVoucherRedeemed,
        ] {
            #expect(EntryRules.sums(rule.journalLines(for: facts)).values.allSatisfy { $0 == 0 })
        }
        #expect(
            PostingRules.groupDealPrepaid.journalLines(for: facts) == [
                .debit(DefaultChart.paymentClearing, Self.euros(999)),
                .credit(DefaultChart.groupDealPrepayments, Self.euros(892), vatRate: 1_200),
                .credit(DefaultChart.vatPayable, Self.euros(107), vatRate: 1_200),
            ])
        #expect(
            PostingRules.groupDealVoucherRedeemed.journalLines(for: facts) == [
                .debit(DefaultChart.groupDealPrepayments, Self.euros(892), vatRate: 1_200),
                .credit(DefaultChart.sales, Self.euros(892), vatRate: 1_200),
            ])
        // A deal from before deals recorded their rate: the whole prepayment, no VAT line.
        let unrated = try GroupDealFacts.split(Self.euros(999), vatRate: nil)
        #expect(PostingRules.groupDealPrepaid.journalLines(for: unrated).count == 2)
    }

    @Test(
        "a deal that tips books each capture as a prepayment with its fee; a redeemed voucher becomes sales and VAT",
        arguments: TestBackend.allCases)
    func tippedAndRedeemed(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (deal, settled) = try await Self.tippedDeal(env, on: platform)
            // The mug is in the reduced class: 12 % in the home country (SE), recorded when the deal was set up.
            #expect(deal.taxClass == "reduced" && deal.vatRate == 1_200)

            let fees = 4 * TestCardProvider.captureFee(on: Self.euros(700)).amount
            // Each 7.00 holds 0.75 VAT, due at payment: 6.25 is owed in goods.
            var books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.groupDealPrepayments] == -2_500)
            #expect(books[DefaultChart.vatPayable] == -300)
            #expect(books[DefaultChart.paymentClearing] == 2_800 - fees)
            #expect(books[DefaultChart.paymentFees] == fees)
            #expect(books[DefaultChart.sales, default: 0] == 0)
            #expect(books.values.reduce(0, +) == 0)
            #expect(try await Self.entries(like: "prepayment:%", on: platform).count == 4)
            #expect(try await Self.entries(like: "fee:%", on: platform).count == 4)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            // The till redeems one voucher: its 6.25 moves from the prepayments into sales; the VAT was booked.
            let voucher = try #require(settled.vouchers.first)
            let redeemed = try await GroupDeals.redeemVoucher(
                voucher.code.lowercased(), by: GroupDealTests.till, on: platform)
            #expect(redeemed.voucher.redeemedAt != nil)
            try await BookkeepingTests.deliver(platform)
            books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.groupDealPrepayments] == -1_875)
            #expect(books[DefaultChart.sales] == -625)
            #expect(books[DefaultChart.vatPayable] == -300)
            #expect(books.values.reduce(0, +) == 0)
            let sale = try #require(
                try await platform.database.read { db in
                    try await platform.ledger.entry(sourceKey: "voucher:\(voucher.participantID.rawValue)", on: db)
                })
            #expect(sale.document == SourceDocument(type: "group_deal_participant", id: voucher.participantID.rawValue))
            #expect(sale.lines.allSatisfy { $0.vatRate == 1_200 })
            let events = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'group_deal.voucher_redeemed'")
                    .first()?.decode(column: "n", as: Int.self)
            }
            #expect(events == 1)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            // A stray entry on the prepayments account no longer matches the vouchers: the audit says so.
            try await platform.database.inTransaction { db in
                try await platform.ledger.post(
                    NewJournalEntry(
                        sourceKey: "manual:stray", postingDate: env.clock.now, description: "Stray",
                        lines: [
                            .debit(DefaultChart.groupDealPrepayments, Self.euros(100)),
                            .credit(DefaultChart.bank, Self.euros(100)),
                        ]), on: db)
            }
            let findings = try await InvariantAudit.run(on: platform)
            #expect(findings.map(\.module) == ["books"])
            #expect(findings.first?.detail.contains(DefaultChart.groupDealPrepayments) == true)
        }
    }

    @Test(
        "a redemption the books were not told of breaks the audit of the prepayments", arguments: TestBackend.allCases)
    func redemptionWithoutEntry(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (_, settled) = try await Self.tippedDeal(env, on: platform)
            // A voucher marked redeemed behind the business's back: no event, no sale in the books.
            let code = try #require(settled.vouchers.first?.code)
            try await platform.database.inTransaction { db in
                try await db.raw(
                    "UPDATE promotion_group_deal_vouchers SET redeemed_at = 1 WHERE code = \(bind: code)"
                ).run()
            }
            let findings = try await InvariantAudit.run(on: platform)
            #expect(findings.contains { $0.module == "books" && $0.detail.contains(DefaultChart.groupDealPrepayments) })
        }
    }

    @Test(
        "a deal that fails after some captures refunds them: the prepayments net to zero, the provider keeps its fees",
        arguments: TestBackend.allCases)
    func failedDealNetsToZero(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let deal = try await GroupDealTests.mugDeal(shop, on: platform)
            let seats = try await GroupDealTests.join(3, deal, on: platform)
            try await platform.payments.void(
                try #require(PaymentID(seats[2].participant.paymentID)), in: platform.database)
            env.clock.advance(by: 3600)
            #expect(try await GroupDeals.settle(deal.id, on: platform).status == .failed)
            try await BookkeepingTests.deliver(platform)

            let books = try await BookkeepingTests.balances(platform)
            let fees = 2 * TestCardProvider.captureFee(on: Self.euros(800)).amount
            #expect(books[DefaultChart.groupDealPrepayments, default: 0] == 0)
            #expect(books[DefaultChart.vatPayable, default: 0] == 0, "the VAT of a refunded prepayment goes back")
            #expect(books[DefaultChart.paymentClearing] == -fees)
            #expect(books[DefaultChart.paymentFees] == fees)
            #expect(books[DefaultChart.sales, default: 0] == 0)
            #expect(books.values.reduce(0, +) == 0)
            #expect(try await Self.entries(like: "prepayment:%", on: platform).count == 2)
            #expect(try await Self.entries(like: "refund:%", on: platform).count == 2)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "every group-deal event delivered again posts nothing new; a shop that kept no books rebuilds the same books",
        arguments: TestBackend.allCases)
    func postsOnceAndRebuilds(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let live = env.platform()
            let (_, settled) = try await Self.tippedDeal(env, on: live)
            _ = try await GroupDeals.redeemVoucher(settled.vouchers[0].code, by: GroupDealTests.till, on: live)
            try await BookkeepingTests.deliver(live)
            let liveBooks = try await BookkeepingTests.balances(live)
            let count = try await Self.entries(like: "%", on: live).count

            // Delivered a second time, straight to the subscriber: the same entries, nothing new.
            let history = try await live.database.read { db in try await live.outbox.history(limit: 1_000, on: db) }
            let dealEvents = history.filter {
                [PaymentCaptured.eventType, GroupDealVoucherRedeemed.eventType].contains($0.type)
            }
            #expect(dealEvents.count == 5)
            for envelope in dealEvents {
                _ = try await live.database.inTransaction { db in try await live.bookkeeping.book(envelope, on: db) }
            }
            #expect(try await Self.entries(like: "%", on: live).count == count)
            #expect(try await BookkeepingTests.balances(live) == liveBooks)
            let replay = try await live.bookkeeping.rebuild(from: live.database)
            #expect(replay.entriesPosted == 0)

            try await withTestDatabase(on: backend) { twin in
                let unkept = twin.platform(keepsBooks: false)
                let (_, twinSettled) = try await Self.tippedDeal(twin, on: unkept)
                _ = try await GroupDeals.redeemVoucher(
                    twinSettled.vouchers[0].code, by: GroupDealTests.till, on: unkept)
                #expect(try await BookkeepingTests.balances(unkept).isEmpty)
                let rebuilt = try await unkept.bookkeeping.rebuild(from: unkept.database, batchSize: 7)
                // Two stock receipts, four prepayments with their four fees, one voucher redeemed.
                #expect(rebuilt.entriesPosted == count)
                #expect(count == 11)
                #expect(try await BookkeepingTests.balances(unkept) == liveBooks)
            }
        }
    }

    @Test(
        "a deal in a shop with no VAT rate for the variant's class at home is refused, and nothing is written",
        arguments: TestBackend.allCases)
    func taxRateMissing(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = try await TestShop.seed(on: env.platform())
            // The same database, run by a shop that says it is based where no rate is set up.
            let abroad = Platform(
                database: env.database, passwords: TestPasswords.hasher, clock: env.clock.wallClock, ids: env.ids,
                homeCountry: "JP")
            await #expect {
                _ = try await GroupDealTests.mugDeal(shop, on: abroad)
            } throws: { error in
                (error as? any DomainError)?.code == "tax_rate_missing"
            }
            let deals = try await abroad.database.read { db in
                try await db.raw("SELECT count(*) AS n FROM promotion_group_deals").first(
                    decodingColumn: "n", as: Int.self)
            }
            #expect(deals == 0)
        }
    }
}
