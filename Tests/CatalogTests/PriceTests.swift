import Catalog
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Prices")
struct PriceTests {
    @Test("a price in another currency than its list's is refused", arguments: TestBackend.allCases)
    func currencyMismatch(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (_, variants) = try await shop.product("Mug", skus: ["MUG"])
            await #expect(throws: CatalogError.currencyMismatch(list: .eur, price: .usd)) {
                try await shop.write { catalog, db in
                    let list = try await catalog.basePriceList(
                        channel: "web", currency: .eur, by: .merchandiser, on: db)
                    try await catalog.setPrice(.usd(900), of: variants[0].id, in: list.id, by: .merchandiser, on: db)
                }
            }
            let error = await #expect(throws: ValidationError.self) {
                try await shop.write { catalog, db in
                    let list = try await catalog.basePriceList(
                        channel: "web", currency: .eur, by: .merchandiser, on: db)
                    try await catalog.setPrice(
                        .eur(-1), of: variants[0].id, in: list.id, fromQuantity: 0, by: .merchandiser, on: db)
                }
            }
            #expect(error?.fieldErrors.map(\.pointer) == ["/price/amount", "/from_quantity"])
        }
    }

    @Test("tiers, a customer-group list and a sale resolve through the store", arguments: TestBackend.allCases)
    func resolution(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (_, variants) = try await shop.product("Paper", skus: ["PAPER"], price: 500)
            let paper = variants[0].id
            let (base, wholesale, sale) = try await shop.write { catalog, db in
                let base = try await catalog.basePriceList(channel: "web", currency: .eur, by: .merchandiser, on: db)
                try await catalog.setPrice(
                    .eur(450), of: paper, in: base.id, fromQuantity: 10, by: .merchandiser, on: db)
                let wholesale = try await catalog.createPriceList(
                    NewPriceList(name: "Trade", channel: "web", currency: .eur, customerGroup: "trade"),
                    by: .merchandiser, on: db)
                try await catalog.setPrice(.eur(400), of: paper, in: wholesale.id, by: .merchandiser, on: db)
                let sale = try await catalog.createPriceList(
                    NewPriceList(
                        name: "Sale", channel: "web", currency: .eur, priority: 10,
                        startsAt: shop.now.addingTimeInterval(3600), endsAt: shop.now.addingTimeInterval(7200)),
                    by: .merchandiser, on: db)
                try await catalog.setPrice(.eur(350), of: paper, in: sale.id, by: .merchandiser, on: db)
                return (base, wholesale, sale)
            }
            func price(_ quantity: Int, group: String? = nil, in hours: Double = 0) async throws -> ResolvedPrice {
                try await shop.read { catalog, db in
                    try await catalog.price(
                        of: paper,
                        for: PricingContext(
                            channel: "web", currency: .eur, customerGroups: Set([group].compactMap { $0 }),
                            quantity: quantity,
                            at: shop.now.addingTimeInterval(hours * 3600)),
                        on: db)
                }
            }
            #expect(try await price(1).unitPrice == .eur(500))
            #expect(try await price(12).priceListID == base.id)
            #expect(try await price(12).unitPrice == .eur(450))
            #expect(try await price(1, group: "trade").priceListID == wholesale.id)
            #expect(try await price(1, in: 1.5).priceListID == sale.id)
            #expect(try await price(1, in: 2).unitPrice == .eur(500))
            await #expect(throws: CatalogError.noPrice) {
                try await shop.read { catalog, db in
                    try await catalog.price(
                        of: paper, for: PricingContext(channel: "web", currency: .usd, at: shop.now), on: db)
                }
            }
            let lists = try await shop.read { catalog, db in try await catalog.prices(of: paper, on: db) }
            #expect(lists.count == 3)
            #expect(lists.first { $0.list.id == base.id }?.tiers.map(\.fromQuantity) == [1, 10])
        }
    }

    @Test(
        "every change is recorded in the history and announced; unchanged prices are not",
        arguments: TestBackend.allCases)
    func historyAndEvents(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (_, variants) = try await shop.product("Mug", skus: ["MUG"], price: 900)
            let mug = variants[0].id
            let unchanged = try await shop.write { catalog, db in
                let list = try await catalog.basePriceList(channel: "web", currency: .eur, by: .merchandiser, on: db)
                let same = try await catalog.setPrice(.eur(900), of: mug, in: list.id, by: .merchandiser, on: db)
                env.clock.advance(by: 60)
                try await catalog.setPrice(.eur(1100), of: mug, in: list.id, by: .merchandiser, on: db)
                env.clock.advance(by: 60)
                try await catalog.removePrice(of: mug, in: list.id, by: .merchandiser, on: db)
                return same
            }
            #expect(unchanged == nil)
            let history = try await shop.read { catalog, db in try await catalog.priceHistory(of: mug, on: db) }
            #expect(history.map(\.sequence) == [1, 2, 3])
            #expect(history.map(\.oldPrice) == [nil, .eur(900), .eur(1100)])
            #expect(history.map(\.newPrice) == [.eur(900), .eur(1100), nil])
            #expect(
                history.map(\.at) == [
                    .reference, .reference.addingTimeInterval(60), .reference.addingTimeInterval(120),
                ])
            let events = try await shop.events(PriceChanged.eventType).map { try $0.decode(PriceChanged.self) }
            #expect(events.map(\.newPrice) == [.eur(900), .eur(1100), nil])
            #expect(events[1].oldPrice == .eur(900) && events[1].sku == "MUG" && events[1].channel == "web")
            #expect(events.map(\.changeID) == history.map(\.id))
            let actions = try await shop.auditActions()
            #expect(actions.filter { $0 == "catalog.price_set" }.count == 2)
            #expect(actions.contains("catalog.price_removed"))
        }
    }

    @Test("price history is append-only in the database", arguments: TestBackend.allCases)
    func appendOnly(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            try await shop.product("Mug", skus: ["MUG"], price: 900)
            for statement in ["UPDATE catalog_price_history SET new_amount = 1", "DELETE FROM catalog_price_history"] {
                await #expect(throws: (any Error).self) {
                    try await env.database.inTransaction { db in try await db.raw(SQLQueryString(statement)).run() }
                }
            }
        }
    }

    @Test("the Omnibus prior price follows the clock across changes and a sale", arguments: TestBackend.allCases)
    func omnibus(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let day: TimeInterval = 86_400
            let (_, variants) = try await shop.product("Kettle", skus: ["KETTLE"], price: 5000)  // day 0: 50.00
            let kettle = variants[0].id
            func setBase(_ amount: Int64) async throws {
                try await shop.write { catalog, db in
                    let list = try await catalog.basePriceList(
                        channel: "web", currency: .eur, by: .merchandiser, on: db)
                    try await catalog.setPrice(.eur(amount), of: kettle, in: list.id, by: .merchandiser, on: db)
                }
            }
            func prior(at moment: Date) async throws -> Money? {
                try await shop.read { catalog, db in
                    try await catalog.lowestPriorPrice(
                        of: kettle, channel: "web", currency: .eur, before: moment, on: db)
                }
            }
            env.clock.advance(by: 10 * day)
            try await setBase(4500)  // day 10: 45.00
            // A weekend sale, days 20 to 22, at 39.00.
            try await shop.write { catalog, db in
                let sale = try await catalog.createPriceList(
                    NewPriceList(
                        name: "Weekend", channel: "web", currency: .eur, priority: 5,
                        startsAt: .days(20), endsAt: .days(22)), by: .merchandiser, on: db)
                try await catalog.setPrice(.eur(3900), of: kettle, in: sale.id, by: .merchandiser, on: db)
            }
            env.clock.advance(by: 15 * day)
            try await setBase(6000)  // day 25: 60.00
            env.clock.advance(by: 20 * day)  // day 45

            #expect(try await prior(at: .days(5)) == .eur(5000))
            #expect(try await prior(at: .days(15)) == .eur(4500))
            #expect(try await prior(at: .days(21)) == .eur(3900))
            #expect(try await prior(at: .days(45)) == .eur(3900))  // days 15–45 include the sale
            #expect(try await prior(at: .days(54)) == .eur(4500))  // days 24–54: the sale is over, 45.00 until day 25
            #expect(try await prior(at: .days(56)) == .eur(6000))
            #expect(try await prior(at: .days(0)) == nil)  // nothing before the first price
            let otherChannel = try await shop.read { catalog, db in
                try await catalog.lowestPriorPrice(
                    of: kettle, channel: "app", currency: .eur, before: .days(45), on: db)
            }
            #expect(otherChannel == nil)
        }
    }

    @Test("the base list of a channel and currency is created once", arguments: TestBackend.allCases)
    func baseListOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let ids = try await withThrowingTaskGroup(of: PriceListID.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await shop.write { catalog, db in
                            try await catalog.basePriceList(channel: "app", currency: .sek, by: .merchandiser, on: db)
                                .id
                        }
                    }
                }
                return try await group.reduce(into: Set<PriceListID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            let lists = try await shop.read { catalog, db in try await catalog.priceLists(channel: "app", on: db) }
            #expect(lists.count == 1 && lists[0].isBase && lists[0].currency == .sek)
        }
    }
}
