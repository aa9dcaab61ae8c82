import Catalog
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test(
        "32 concurrent creations of one SKU: exactly one succeeds, the rest get sku_taken",
        arguments: TestBackend.allCases)
    func oneSKU(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<32 {
                    group.addTask {
                        do {
                            // Each attempt is a different product (its own slug) claiming the same SKU.
                            _ = try await shop.write { catalog, db in
                                try await catalog.createProduct(
                                    NewProduct(
                                        ProductDetails(title: "Rival \(index)"),
                                        variants: [NewVariant(sku: index.isMultiple(of: 2) ? "HOT-1" : "hot-1")]),
                                    by: .merchandiser, on: db)
                            }
                            return "created"
                        } catch let error as CatalogError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            }
            #expect(outcomes == ["created": 1, "sku_taken": 31])
            // The losers' products rolled back with their variants.
            let rows = try await env.database.read { db in
                try await db.raw(
                    "SELECT (SELECT COUNT(*) FROM catalog_products) AS products, (SELECT COUNT(*) FROM catalog_variants) AS variants"
                ).first()
            }
            #expect(try rows?.decode(column: "products", as: Int.self) == 1)
            #expect(try rows?.decode(column: "variants", as: Int.self) == 1)
        }
    }

    @Test(
        "concurrent price changes queue on the variant and leave an unbroken history", arguments: TestBackend.allCases)
    func priceHistoryChains(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (_, variants) = try await shop.product("Hot item", skus: ["HOT"], price: 1000)
            let hot = variants[0].id
            let list = try await shop.write { catalog, db in
                try await catalog.basePriceList(channel: "web", currency: .eur, by: .merchandiser, on: db)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 1...32 {
                    group.addTask {
                        try await shop.write { catalog, db in
                            _ = try await catalog.setPrice(
                                .eur(Int64(1000 + index)), of: hot, in: list.id, by: .merchandiser, on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (history, current) = try await shop.read { catalog, db in
                (try await catalog.priceHistory(of: hot, on: db), try await catalog.prices(of: hot, on: db))
            }
            #expect(history.count == 33)
            #expect(history.map(\.sequence) == Array(1...33))
            for (previous, next) in zip(history, history.dropFirst()) {
                #expect(next.oldPrice == previous.newPrice)
            }
            #expect(Set(history.dropFirst().compactMap(\.newPrice?.amount)) == Set((1...32).map { Int64(1000 + $0) }))
            #expect(current.first?.tiers.first?.unitPrice == history.last?.newPrice)
            #expect(try await shop.events(PriceChanged.eventType).count == 33)
        }
    }

    @Test("concurrent opposite category moves never make a cycle", arguments: TestBackend.allCases)
    func oppositeMoves(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (a, b) = try await shop.write { catalog, db in
                (
                    try await catalog.createCategory(NewCategory(name: "A"), by: .merchandiser, on: db).id,
                    try await catalog.createCategory(NewCategory(name: "B"), by: .merchandiser, on: db).id
                )
            }
            let results = await withTaskGroup(of: Bool.self) { group in
                for (moving, target) in [(a, b), (b, a)] {
                    group.addTask {
                        (try? await shop.write { catalog, db in
                            try await catalog.moveCategory(moving, under: target, by: .merchandiser, on: db)
                        }) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let all = try await shop.read { catalog, db in try await catalog.categories(on: db) }
            #expect(all.filter { $0.parentID == nil }.count == 1)
        }
    }
}
