import Checkout
import Flows
import Foundation
import Inventory
import Ledger
import Orders
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// The books follow the shop: every paid order and every refund is one balanced entry, posted once.
extension Money {
    fileprivate static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
}

@Suite("Bookkeeping from business events")
struct BookkeepingTests {
    static let staff = AuditActor(kind: "staff", id: "stf_accountant")

    static func deliver(_ platform: Platform) async throws {
        let relay = OutboxRelay(database: platform.database, outbox: platform.outbox)
        while try await relay.deliverDue(limit: 500) > 0 {}
    }

    static func balances(_ platform: Platform, _ currency: Currency = .eur) async throws -> [String: Int64] {
        let rows = try await platform.database.read { db in
            try await platform.ledger.trialBalance(currency: currency, on: db)
        }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.accountCode, $0.balance.amount) })
    }

    @Test("a rule books its facts line by line, one line per VAT rate, zero amounts left out")
    func ruleLines() {
        var facts = PostingFacts(currency: .eur)
        facts.add(.gross, 5_398)
        facts.add(.salesNet, 3_198, vatRate: 2_500)
        facts.add(.salesNet, 804, vatRate: 1_200)
        facts.add(.discountNet, 0, vatRate: 2_500)
        facts.add(.vat, 800, vatRate: 2_500)
        facts.add(.vat, 96, vatRate: 1_200)
        facts.add(.shippingNet, 400, vatRate: 2_500)
        facts.add(.vat, 100, vatRate: 2_500)
        let lines = PostingRules.cardSale.journalLines(for: facts)
        let expected: [JournalLine] = [
            JournalLine.debit(DefaultChart.paymentClearing, Money.eur(5_398)),
            JournalLine.credit(DefaultChart.sales, Money.eur(804), vatRate: 1_200),
            JournalLine.credit(DefaultChart.sales, Money.eur(3_198), vatRate: 2_500),
            JournalLine.credit(DefaultChart.shippingRevenue, Money.eur(400), vatRate: 2_500),
            JournalLine.credit(DefaultChart.vatPayable, Money.eur(96), vatRate: 1_200),
            JournalLine.credit(DefaultChart.vatPayable, Money.eur(900), vatRate: 2_500),
        ]
        #expect(lines == expected)
        #expect(EntryRules.sums(lines).values.allSatisfy { $0 == 0 })
    }

    @Test("signed facts book to the other side: a count loss credits inventory and debits write-offs")
    func signedFacts() {
        var facts = PostingFacts(currency: .eur)
        facts.add(.cost, -1_250)
        #expect(
            PostingRules.stockCorrected.journalLines(for: facts) == [
                .credit(DefaultChart.inventory, .eur(1_250)), .debit(DefaultChart.stockWriteOffs, .eur(1_250)),
            ])
    }

    @Test(
        "a paid card order books clearing, sales per VAT rate, shipping and VAT; a refund reverses its share",
        arguments: TestBackend.allCases)
    func saleAndRefund(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let placed = try await AfterSaleFlowTests.paidOrder(shop, key: "books-1", on: platform)
            let order = placed.order
            try await Self.deliver(platform)

            let sale = try #require(
                try await platform.database.read { db in
                    try await platform.ledger.entry(sourceKey: "sale:\(order.id.rawValue)", on: db)
                })
            #expect(sale.document == SourceDocument(type: "order", id: order.id.rawValue))
            #expect(sale.lines.first == .debit(DefaultChart.paymentClearing, order.totals.grandTotal))
            let vat = sale.lines.filter { $0.accountCode == DefaultChart.vatPayable }.map(\.amount.amount).reduce(0, +)
            #expect(-vat == order.totals.tax.amount)
            // Goods at two rates (tee standard, mug reduced): each rate has its own sales line.
            #expect(
                Set(sale.lines.filter { $0.accountCode == DefaultChart.sales }.compactMap(\.vatRate)) == [2_500, 1_200])

            _ = try await AfterSale.refund(
                order.id, amount: .eur(1_000), reason: "Late parcel", key: "goodwill", by: Self.staff, on: platform)
            try await Self.deliver(platform)
            let refund = try await platform.database.read { db in
                try await db.raw("SELECT source_key FROM ledger_entries WHERE source_key LIKE 'refund:%'").all()
            }
            #expect(refund.count == 1)
            let books = try await Self.balances(platform)
            // The processor kept its fee of the capture; the rest, less the refund, is owed to us.
            let fee = TestCardProvider.captureFee(on: order.totals.grandTotal).amount
            #expect(books[DefaultChart.paymentFees] == fee)
            #expect(books[DefaultChart.paymentClearing] == order.totals.grandTotal.amount - 1_000 - fee)
            #expect(books.values.reduce(0, +) == 0)
            // The refunded VAT is the VAT the 10.00 contained, never more than was charged.
            let refundedVAT = (books[DefaultChart.vatPayable] ?? 0) + order.totals.tax.amount
            #expect(refundedVAT > 0 && refundedVAT < 1_000 * 25 / 125 + 1)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            // A stray entry on the clearing account no longer matches the payments: the audit says so.
            try await platform.database.inTransaction { db in
                try await platform.ledger.post(
                    NewJournalEntry(
                        sourceKey: "manual:stray", postingDate: env.clock.now, description: "Stray",
                        lines: [
                            .debit(DefaultChart.paymentClearing, .eur(100)), .credit(DefaultChart.bank, .eur(100)),
                        ]), on: db)
            }
            let findings = try await InvariantAudit.run(on: platform)
            #expect(findings.map(\.module) == ["books"])
            #expect(findings.first?.detail.contains(DefaultChart.paymentClearing) == true)
        }
    }

    @Test(
        "goods bought, sold, written off and counted move inventory at cost; the account equals the stock's value",
        arguments: TestBackend.allCases)
    func stockAtCost(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(stock: 10, on: platform)
            env.clock.advance(by: 60)
            _ = try await AfterSaleFlowTests.paidOrder(shop, key: "stock-books", on: platform)
            let inventory = platform.inventory
            try await platform.database.inTransaction { db in
                _ = try await inventory.adjust(
                    StockAdjustment(sku: "MUG", locationID: shop.warehouse, quantity: -2, reason: .writeOff),
                    by: Self.staff, on: db)
                _ = try await inventory.count(
                    StockCount(locationID: shop.warehouse, lines: [.init(sku: "TEE-M", counted: 9)]), by: Self.staff,
                    on: db)
            }
            try await Self.deliver(platform)
            let books = try await Self.balances(platform)
            // 12 of each received: tees at 8.00 and 8.50, mugs at 3.50.
            let received: Int64 = 12 * 800 + 12 * 850 + 12 * 350
            let sold: Int64 = 2 * 800 + 350
            let lost: Int64 = 2 * 350 + 850  // two mugs written off, one tee short at the count
            #expect(books[DefaultChart.goodsReceivedNotBilled] == -received)
            #expect(books[DefaultChart.costOfGoods] == sold)
            #expect(books[DefaultChart.stockWriteOffs] == lost)
            let value = try await platform.database.read { db in
                try await inventory.inventoryValue(currency: .eur, on: db)
            }
            #expect(books[DefaultChart.inventory] == value.amount)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "an event delivered again or replayed posts nothing new; a shop that kept no books rebuilds the same books",
        arguments: TestBackend.allCases)
    func rebuildMatchesLiveBooks(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            // Two shops with the same history: one keeps its books live, one never ran the subscriber.
            let live = env.platform()
            let shop = try await TestShop.seed(on: live)
            env.clock.advance(by: 60)
            let first = try await AfterSaleFlowTests.paidOrder(shop, key: "live-1", on: live)
            _ = try await AfterSale.refund(
                first.order.id, amount: .eur(250), reason: "Scratch", key: "r1", by: Self.staff, on: live)
            _ = try await AfterSaleFlowTests.paidOrder(shop, key: "live-2", on: live)
            try await Self.deliver(live)
            let liveBooks = try await Self.balances(live)
            #expect(!liveBooks.isEmpty)

            let replay = try await live.bookkeeping.rebuild(from: live.database)
            // Two sales, their two capture fees, one refund, two stock receipts and two sales out of stock.
            #expect(replay.entriesPosted == 0)
            #expect(replay.entriesAlreadyPosted == 9)
            #expect(try await Self.balances(live) == liveBooks)

            try await withTestDatabase(on: backend) { twin in
                let unkept = twin.platform(keepsBooks: false)
                let twinShop = try await TestShop.seed(on: unkept)
                twin.clock.advance(by: 60)
                let twinFirst = try await AfterSaleFlowTests.paidOrder(twinShop, key: "live-1", on: unkept)
                _ = try await AfterSale.refund(
                    twinFirst.order.id, amount: .eur(250), reason: "Scratch", key: "r1", by: Self.staff, on: unkept)
                _ = try await AfterSaleFlowTests.paidOrder(twinShop, key: "live-2", on: unkept)
                #expect(try await Self.balances(unkept).isEmpty)
                let rebuilt = try await unkept.bookkeeping.rebuild(from: unkept.database, batchSize: 7)
                #expect(rebuilt.entriesPosted == 9)
                #expect(try await Self.balances(unkept) == liveBooks)
            }
        }
    }

    @Test(
        "an event dated in a closed month is booked in the open one, once", arguments: TestBackend.allCases)
    func closedPeriod(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let placed = try await AfterSaleFlowTests.paidOrder(shop, key: "late-books", on: platform)
            let month = AccountingPeriod(containing: env.clock.now)
            try await platform.database.inTransaction { db in
                try await platform.ledger.closePeriod(month, by: Self.staff, on: db)
            }
            env.clock.advance(by: 40 * 86_400)
            try await Self.deliver(platform)
            let entry = try #require(
                try await platform.database.read { db in
                    try await platform.ledger.entry(sourceKey: "sale:\(placed.order.id.rawValue)", on: db)
                })
            #expect(AccountingPeriod(containing: entry.postingDate) != month)
            #expect(entry.description.hasSuffix("(event of a closed period)"))
            let again = try await platform.bookkeeping.rebuild(from: platform.database)
            #expect(again.entriesPosted == 0)
        }
    }
}
