import ArgumentParser
import Catalog
import Flows
import Foundation
import GiftCards
import Identity
import Ledger
import Orders
import Persistence
import Promotions
import Purchasing
import Sellers
import Testing
import TorvCore

@testable import TorvApp

@Suite("The torv command line")
struct CommandTests {
    @Test("every documented command parses")
    func commandsParse() throws {
        for arguments in [
            ["serve", "--port", "9090"], ["migrate", "--status"], ["demo"], ["audit"],
            ["import", "products", "f.csv", "--dry-run"],
            ["users", "create-admin", "--email", "a@b.example"],
            ["api-keys", "create", "--name", "erp", "--scopes", "identity.staff.read", "--staff-email", "a@b.example"],
        ] {
            _ = try TorvCommand.parseAsRoot(arguments)
        }
    }

    @Test("unknown commands and missing options are refused")
    func refusals() {
        #expect(throws: (any Error).self) { try TorvCommand.parseAsRoot(["launch"]) }
        #expect(throws: (any Error).self) { try TorvCommand.parseAsRoot(["users", "create-admin"]) }
        #expect(throws: (any Error).self) { try TorvCommand.parseAsRoot(["serve", "--port", "eighty"]) }
    }

    @Test("auditing a database that was never migrated says to migrate it, not which table is missing")
    func auditNeedsMigrations() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("torv-audit-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let command = try #require(try TorvCommand.parseAsRoot(["audit", "--database-url", path]) as? AuditCommand)
        await #expect {
            try await command.run()
        } throws: { error in
            (error as? NotMigrated).map { $0.pending > 0 && "\($0)".contains("torv migrate") } ?? false
        }
    }

    @Test("the demo seeds once: a second start keeps the data it found")
    func demoSeedsOnce() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("torv-demo-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var configuration = TorvConfiguration()
        configuration.databaseURL = path
        configuration.bcryptCost = 4
        for expectCreated in [true, false] {
            let platform = try await TorvServer.openPlatform(configuration, logger: TorvServer.logger(configuration))
            try await platform.migrate()
            let summary = try await DemoShop.seed(on: platform)
            #expect(summary.created == expectCreated)
            #expect((summary.apiKeyToken != nil) == expectCreated)
            if expectCreated {
                #expect(summary.products == DemoCatalog.productCount)
                // About three orders a day for the history's days; a few cards are declined.
                #expect(summary.orders > DemoShop.historyDays * 2)
                // Buying at every stage: billed, partly delivered, on its way, a draft; one bill on hold.
                let (orders, held) = try await platform.database.read { db in
                    (
                        try await platform.purchasing.orders(limit: 50, on: db),
                        try await platform.purchasing.bills(approval: .onHold, on: db)
                    )
                }
                #expect(Set(orders.map(\.status)) == [.billed, .partiallyReceived, .sent, .draft])
                #expect(held.count == 1)
                // Gift cards sold at the counter, some spent on orders beside a card; one store credit.
                let (cards, spent) = try await platform.database.read { db in
                    let cards = try await platform.giftCards.cards(limit: 50, on: db)
                    var spent = 0
                    for card in cards {
                        spent += try await platform.giftCards.movements(of: card.id, on: db)
                            .filter { $0.kind == .redeemed }.count
                    }
                    return (cards, spent)
                }
                #expect(cards.count == 5 && cards.filter { $0.kind == .storeCredit }.count == 1)
                #expect(spent >= 3, "orders paid with a gift card: \(spent)")
                // Promotions running and scheduled; the last fortnight's orders carry their discounts.
                let (promotions, recent) = try await platform.database.read { db in
                    (
                        try await platform.promotions.promotions(on: db),
                        try await platform.orders.orders(matching: OrderQuery(), limit: 40, on: db)
                    )
                }
                #expect(
                    Set(promotions.map(\.promotion.name)) == ["Kitchen week", "Welcome", "Spend more", "Black Friday"])
                #expect(recent.contains { $0.totals.discount.isPositive })
                // A flash sale running now, its units held apart.
                let flash = try await platform.database.read { db in try await platform.promotions.flashSales(on: db) }
                #expect(flash.count == 1 && flash.first?.phase(at: platform.clock.now()) == .live)
                // An open group deal two shoppers have joined.
                let deals = try await GroupDeals.showing(on: platform)
                #expect(deals.count == 1 && deals.first?.participants == 2, "\(deals)")
                // A marketplace: a dozen sellers in every stage of review, several competing on one product.
                let sellers = try await platform.database.read { db in
                    try await platform.sellers.sellers(status: nil, after: nil, limit: 50, on: db)
                }
                #expect(sellers.count == DemoMarketplace.sellers.count)
                #expect(Set(sellers.map(\.status)) == [.approved, .underReview, .applied])
                #expect(sellers.contains { $0.kind == .private && $0.status == .approved }, "a C2C seller trades")
                #expect(summary.sellerOffers >= 70)
                // The product most sellers offer. Sellers are listed by ID, and IDs made in the same
                // millisecond sort by their random part, so "the first seller" may be one without offers.
                let product = try await platform.database.read { db in
                    var offers: [String: Int] = [:]
                    for seller in sellers {
                        for offer in try await platform.sellers.offers(of: seller.id, after: nil, limit: 200, on: db) {
                            offers[offer.productID, default: 0] += 1
                        }
                    }
                    return offers.max { $0.value < $1.value }?.key
                }
                let shared = try #require(product.flatMap(ProductID.init), "the demo's sellers offer products")
                let ranked = try await Marketplace.offers(forProduct: shared, on: platform)
                #expect(ranked.count >= 3 && ranked.first?.isDefault == true, "\(ranked.map(\.ranking))")
                #expect(ranked.contains { !$0.ranking.eligible }, "used offers and holiday sellers stay visible")
                // A month of marketplace orders: delivered parts paid out by the weekly run, today's still open.
                let parts = try await platform.database.read { db in
                    var parts: [SubOrder] = []
                    for seller in sellers {
                        parts += try await platform.orders.subOrders(
                            ofSeller: seller.id.rawValue, status: nil, after: nil, limit: 200, on: db)
                    }
                    return parts
                }
                #expect(parts.contains { $0.status == .delivered } && parts.contains { $0.status == .open })
                let runs = try await platform.database.read { db in
                    try await platform.sellers.payoutRuns(after: nil, limit: 10, on: db)
                }
                #expect(runs.first?.paidCount ?? 0 > 0, "\(runs)")
                // The books look like a business that can pay its bills: the bank is not in the red.
                let bank = try await platform.database.read { db in
                    try await platform.ledger.trialBalance(currency: .eur, on: db)
                }.first { $0.accountCode == DefaultChart.bank }
                #expect(bank?.balance.isPositive == true, "bank \(String(describing: bank?.balance))")
            }
            let signedIn = try await platform.identity.loginStaff(
                email: DemoShop.ownerEmail, password: DemoShop.ownerPassword, in: platform.database)
            if case .secondFactorRequired = signedIn { Issue.record("the demo owner has no second factor") }
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
            await platform.database.shutdown()
        }
    }
}
