import Catalog
import Flows
import Foundation
import Persistence
import TestSupport
import Testing
import TorvCore

/// The storefront's product-page cache: a change shows once the page's lifetime has passed, never
/// later than the moment the page itself changes (a sale opening), and carts never see the cache.
@Suite struct ProductPageCacheTests {
    static let eur = Currency(code: "EUR")!

    func cachedPlatform(_ env: TestEnvironment, lifetime: Duration) -> Platform {
        Platform(
            database: env.database, passwords: TestPasswords.hasher, clock: env.clock.wallClock, ids: env.ids,
            productPages: ProductPageCache(lifetime: lifetime))
    }

    func teePrice(_ platform: Platform) async throws -> Int64? {
        let page = try await Storefront.productPage(slug: "tee", channel: "web", currency: Self.eur, on: platform)
        return page.page.variants.first { $0.variant.sku == "TEE-S" }?.price?.amount
    }

    func setTeePrice(_ amount: Int64, _ shop: TestShop, on platform: Platform) async throws {
        try await platform.database.inTransaction { db in
            let list = try await platform.catalog.basePriceList(
                channel: "web", currency: Self.eur, by: TestShop.actor, on: db)
            try await platform.catalog.setPrice(
                Money(minorUnits: amount, currency: Self.eur), of: shop.teeS, in: list.id, by: TestShop.actor, on: db)
        }
    }

    @Test func aPriceChangeShowsOnceThePageLifetimeHasPassed() async throws {
        try await withTestDatabase { env in
            let platform = cachedPlatform(env, lifetime: .seconds(2))
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 1)
            #expect(try await teePrice(platform) == 1999)
            try await setTeePrice(1799, shop, on: platform)
            #expect(try await teePrice(platform) == 1999, "served from the cache within its lifetime")
            env.clock.advance(by: 3)
            #expect(try await teePrice(platform) == 1799)
        }
    }

    @Test func withoutALifetimeEveryReadSeesTheDatabase() async throws {
        try await withTestDatabase { env in
            let platform = cachedPlatform(env, lifetime: .zero)
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 1)
            #expect(try await teePrice(platform) == 1999)
            try await setTeePrice(1799, shop, on: platform)
            #expect(try await teePrice(platform) == 1799)
        }
    }

    @Test func aSaleOpeningEndsTheCachedPageAtThatMoment() async throws {
        try await withTestDatabase { env in
            let platform = cachedPlatform(env, lifetime: .seconds(3600))
            let shop = try await TestShop.seed(on: platform)
            let opens = env.clock.now.addingTimeInterval(60)
            try await platform.database.inTransaction { db in
                let sale = try await platform.catalog.createPriceList(
                    NewPriceList(name: "Sale", channel: "web", currency: Self.eur, priority: 10, startsAt: opens),
                    by: TestShop.actor, on: db)
                try await platform.catalog.setPrice(
                    Money(minorUnits: 1499, currency: Self.eur), of: shop.teeS, in: sale.id, by: TestShop.actor, on: db)
            }
            env.clock.advance(by: 1)
            #expect(try await teePrice(platform) == 1999)
            let cached = try await Storefront.productPage(slug: "tee", channel: "web", currency: Self.eur, on: platform)
            #expect(cached.freshUntil == opens, "shared caches are told to keep it only until the sale opens")
            env.clock.advance(by: 30)
            #expect(try await teePrice(platform) == 1999)
            env.clock.advance(by: 30)
            #expect(try await teePrice(platform) == 1499, "the page expired when the sale opened, not an hour later")
        }
    }

    @Test func anUnknownProductIsNotRememberedAsMissing() async throws {
        try await withTestDatabase { env in
            let platform = cachedPlatform(env, lifetime: .seconds(3600))
            await #expect(throws: CatalogError.productNotFound) {
                try await Storefront.productPage(slug: "tee", channel: "web", currency: Self.eur, on: platform)
            }
            _ = try await TestShop.seed(on: platform)
            env.clock.advance(by: 1)
            #expect(try await teePrice(platform) == 1999)
        }
    }
}
