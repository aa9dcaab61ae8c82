import Catalog
import Foundation
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Listing")
struct ListingTests {
    /// Clothing > Shirts, Clothing > Trousers, Garden; five published products, one draft, one app-only.
    static func stock(_ shop: Shop) async throws -> (clothing: CategoryID, shirts: CategoryID) {
        let (clothing, shirts, trousers, garden) = try await shop.write { catalog, db in
            let clothing = try await catalog.createCategory(NewCategory(name: "Clothing"), by: .merchandiser, on: db)
            let shirts = try await catalog.createCategory(
                NewCategory(name: "Shirts", parentID: clothing.id), by: .merchandiser, on: db)
            let trousers = try await catalog.createCategory(
                NewCategory(name: "Trousers", parentID: clothing.id), by: .merchandiser, on: db)
            let garden = try await catalog.createCategory(NewCategory(name: "Garden"), by: .merchandiser, on: db)
            return (clothing.id, shirts.id, trousers.id, garden.id)
        }
        let items: [(String, String, Int64, CategoryID, String, String)] = [
            ("Linen Shirt", "SH-LIN", 4900, shirts, "white", "Cool in the heat."),
            ("Flannel Shirt", "SH-FLA", 3900, shirts, "red", "Warm; 100% brushed cotton."),
            ("Chinos", "TR-CHI", 5900, trousers, "beige", "Crème-coloured twill."),
            ("Cargo Trousers", "TR-CAR", 6900, trousers, "green", "Pockets."),
            ("Watering Can", "GD-CAN", 1900, garden, "green", "Galvanised steel."),
        ]
        for (title, sku, price, category, colour, description) in items {
            shop.env.clock.advance(by: 60)
            try await shop.product(
                title, skus: [sku], price: price, category: category, attributes: ["colour": .text(colour)],
                description: description)
        }
        try await shop.product("Secret Draft", skus: ["DRAFT"], price: 100, category: shirts, publish: false)
        try await shop.product("App Exclusive", skus: ["APP"], price: 100, category: shirts, channels: ["app"])
        return (clothing, shirts)
    }

    static func list(_ shop: Shop, _ query: ListingQuery, stock: StockCheck? = nil) async throws -> ListingPage {
        try await shop.read { catalog, db in try await catalog.listProducts(query, stock: stock, on: db) }
    }

    static func query(
        text: String? = nil, category: CategoryID? = nil, colours: Set<String>? = nil, sort: ListingSort = .title,
        minimum: Int64? = nil, maximum: Int64? = nil, limit: Int = 24, after: String? = nil
    ) -> ListingQuery {
        ListingQuery(
            channel: "web", currency: .eur, text: text, category: category,
            attributes: colours.map { ["colour": $0] } ?? [:], minimumPrice: minimum.map(Money.eur),
            maximumPrice: maximum.map(Money.eur), sort: sort, limit: limit, after: after)
    }

    @Test("only published products of the channel are listed, with their from price", arguments: TestBackend.allCases)
    func visibility(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            _ = try await Self.stock(shop)
            let page = try await Self.list(shop, Self.query())
            #expect(
                page.items.map(\.title) == ["Cargo Trousers", "Chinos", "Flannel Shirt", "Linen Shirt", "Watering Can"])
            #expect(page.items[0].fromPrice == .eur(6900))
            #expect(page.total == 5)
        }
    }

    @Test("a category includes its descendants", arguments: TestBackend.allCases)
    func categories(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (clothing, shirts) = try await Self.stock(shop)
            #expect(try await Self.list(shop, Self.query(category: clothing)).total == 4)
            #expect(
                try await Self.list(shop, Self.query(category: shirts)).items.map(\.title) == [
                    "Flannel Shirt", "Linen Shirt",
                ])
            await #expect(throws: CatalogError.categoryNotFound) {
                try await Self.list(shop, Self.query(category: .fixed(7)))
            }
        }
    }

    @Test(
        "text search over title, description and SKU, ignoring case and accents",
        arguments: [
            ("shirt", ["Flannel Shirt", "Linen Shirt"]), ("SHIRT linen", ["Linen Shirt"]), ("creme", ["Chinos"]),
            ("crème", ["Chinos"]), ("tr-c", ["Cargo Trousers", "Chinos"]), ("100%", ["Flannel Shirt"]),
            ("_", []), ("galvanised can", ["Watering Can"]), ("nothing", []),
        ])
    func textSearch(text: String, titles: [String]) async throws {
        for backend in TestBackend.allCases {
            try await withTestDatabase(on: backend) { env in
                let shop = Shop(env)
                _ = try await Self.stock(shop)
                #expect(try await Self.list(shop, Self.query(text: text)).items.map(\.title) == titles, "\(backend)")
            }
        }
    }

    @Test("attribute filters, facet counts and a price range", arguments: TestBackend.allCases)
    func facetsAndPrices(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (clothing, _) = try await Self.stock(shop)
            let green = try await Self.list(shop, Self.query(category: clothing, colours: ["green"]))
            #expect(green.items.map(\.title) == ["Cargo Trousers"])
            let colours = green.facets.first { $0.attribute == "colour" }?.values ?? []
            #expect(
                Dictionary(uniqueKeysWithValues: colours.map { ($0.value, $0.count) }) == [
                    "beige": 1, "green": 1, "red": 1, "white": 1,
                ])
            let affordable = try await Self.list(shop, Self.query(sort: .priceAscending, minimum: 1900, maximum: 4900))
            #expect(affordable.items.map(\.title) == ["Watering Can", "Flannel Shirt", "Linen Shirt"])
            await #expect(throws: ValidationError.self) {
                try await Self.list(
                    shop, ListingQuery(channel: "web", currency: .eur, minimumPrice: .usd(1), limit: 500))
            }
            await #expect(throws: CatalogError.channelNotFound("tv")) {
                try await Self.list(shop, ListingQuery(channel: "tv", currency: .eur))
            }
        }
    }

    @Test("sorting and cursor pages", arguments: TestBackend.allCases)
    func paging(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            _ = try await Self.stock(shop)
            let newest = try await Self.list(shop, Self.query(sort: .newest, limit: 2))
            #expect(newest.items.map(\.title) == ["Watering Can", "Cargo Trousers"])
            let next = try await Self.list(shop, Self.query(sort: .newest, limit: 2, after: newest.nextCursor))
            #expect(next.items.map(\.title) == ["Chinos", "Flannel Shirt"])
            let last = try await Self.list(shop, Self.query(sort: .newest, limit: 2, after: next.nextCursor))
            #expect(last.items.map(\.title) == ["Linen Shirt"])
            #expect(last.nextCursor == nil)
            let dearest = try await Self.list(shop, Self.query(sort: .priceDescending, limit: 1))
            #expect(dearest.items.map(\.title) == ["Cargo Trousers"])
        }
    }

    @Test("the stock hook keeps products with a SKU in stock", arguments: TestBackend.allCases)
    func stockHook(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            _ = try await Self.stock(shop)
            let page = try await Self.list(shop, Self.query(), stock: .skus(["sh-lin", "GD-CAN", "APP"]))
            #expect(page.items.map(\.title) == ["Linen Shirt", "Watering Can"])
        }
    }

    @Test("a launch teaser is listed but not purchasable until its date", arguments: TestBackend.allCases)
    func launchTeaser(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let launch = shop.now.addingTimeInterval(86_400)
            let (product, variants) = try await shop.write { catalog, db in
                let created = try await catalog.createProduct(
                    NewProduct(
                        ProductDetails(title: "Console", purchasableFrom: launch), channels: ["web"],
                        variants: [NewVariant(sku: "CONSOLE")]),
                    by: .merchandiser, on: db)
                let variants = try await catalog.variants(of: created.id, on: db)
                let list = try await catalog.basePriceList(channel: "web", currency: .eur, by: .merchandiser, on: db)
                try await catalog.setPrice(.eur(49900), of: variants[0].id, in: list.id, by: .merchandiser, on: db)
                return (try await catalog.publishProduct(created.id, by: .merchandiser, on: db), variants)
            }
            let listed = try await Self.list(shop, Self.query())
            #expect(listed.items.map(\.title) == ["Console"])
            #expect(listed.items[0].purchasable == false && listed.items[0].purchasableFrom == launch)
            let context = PricingContext(channel: "web", currency: .eur, quantity: 2, at: shop.now)
            await #expect(throws: CatalogError.notYetPurchasable(from: launch)) {
                try await shop.read { catalog, db in try await catalog.offer(for: variants[0].id, in: context, on: db) }
            }
            var posContext = context
            posContext.channel = "pos"
            let pos = posContext
            await #expect(throws: CatalogError.notSoldInChannel("pos")) {
                try await shop.read { catalog, db in try await catalog.offer(for: variants[0].id, in: pos, on: db) }
            }
            env.clock.set(launch)
            var launchContext = context
            launchContext.at = launch
            let now = launchContext
            let offer = try await shop.read { catalog, db in
                try await catalog.offer(for: variants[0].id, in: now, on: db)
            }
            #expect(offer.productID == product.id && offer.sku == "CONSOLE" && offer.unitPrice == .eur(49900))
            #expect(offer.taxClass == "standard" && offer.quantity == 2 && offer.variantTitle == "")
        }
    }
}
