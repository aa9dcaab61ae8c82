public import Catalog
public import Foundation
public import Inventory
import Persistence
import SQLKit
public import TorvCore

/// A product as the back office shows it — variants, every price row, the price history, what
/// shoppers pay now and the lowest they paid in the last 30 days, and stock per location — read in
/// one snapshot.
public struct ProductOverview: Sendable {
    public var product: Product
    /// The product's category and its ancestors, root first; empty when it has none.
    public var categoryPath: [Category]
    public var variants: [Variant]
    /// The product's option types by code, for their names and their values' names.
    public var optionTypes: [String: OptionType]
    /// Every list that prices each variant, with its tiers.
    public var prices: [VariantID: [PriceCandidate]]
    /// Every price list the history names, by ID (a removed price's list still has a name).
    public var priceLists: [PriceListID: PriceList]
    /// Every variant's price changes, oldest first.
    public var history: [PriceChange]
    /// Per variant, channel and currency with a public list: the price now and the 30-day lowest.
    public var publicPrices: [PublicPrice]
    /// `nil` when the stock was not asked for.
    public var stock: [StockLevel]?
    public var locations: [StockLocationID: StockLocation]
    public var now: Date

    /// What a public buyer of one unit pays now in one channel and currency, and the lowest price
    /// applied in the 30 days before now (the EU Omnibus look-back, ``Catalog/lowestPriorPrice``).
    public struct PublicPrice: Sendable, Hashable {
        public var variantID: VariantID
        public var channel: String
        public var currency: Currency
        public var current: Money?
        public var lowestInLast30Days: Money?
    }

    /// Stock comes from Inventory and is for staff who may read it, hence `withStock`.
    public static func load(_ id: ProductID, withStock: Bool, on platform: Platform) async throws -> ProductOverview {
        let (catalog, inventory, now) = (platform.catalog, platform.inventory, platform.clock.now())
        return try await platform.database.read { db in
            let product = try await catalog.product(id, on: db)
            let variants = try await catalog.variants(of: id, on: db)
            var optionTypes: [String: OptionType] = [:]
            for code in product.optionTypes { optionTypes[code] = try await catalog.optionType(code, on: db) }
            var prices: [VariantID: [PriceCandidate]] = [:]
            var history: [PriceChange] = []
            var publicPrices: [PublicPrice] = []
            for variant in variants {
                let candidates = try await catalog.prices(of: variant.id, on: db)
                prices[variant.id] = candidates
                history += try await catalog.priceHistory(of: variant.id, on: db)
                let markets = Set(
                    candidates.filter { $0.list.customerGroup == nil }.map { Market($0.list.channel, $0.list.currency) }
                )
                for market in markets.sorted() {
                    let context = PricingContext(channel: market.channel, currency: market.currency, at: now)
                    publicPrices.append(
                        PublicPrice(
                            variantID: variant.id, channel: market.channel, currency: market.currency,
                            current: PriceResolver.resolve(candidates, for: context)?.unitPrice,
                            lowestInLast30Days: try await catalog.lowestPriorPrice(
                                of: variant.id, channel: market.channel, currency: market.currency, before: now,
                                days: 30, on: db)))
                }
            }
            var stock: [StockLevel]?
            var locations: [StockLocationID: StockLocation] = [:]
            if withStock {
                var levels: [StockLevel] = []
                for variant in variants { levels += try await inventory.stockLevels(of: variant.sku, on: db) }
                stock = levels
                for location in try await inventory.locations(includingInactive: true, on: db) {
                    locations[location.id] = location
                }
            }
            return ProductOverview(
                product: product,
                categoryPath: try await categoryPath(of: product.details.categoryID, catalog: catalog, on: db),
                variants: variants, optionTypes: optionTypes, prices: prices,
                priceLists: Dictionary(
                    try await catalog.priceLists(on: db).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
                history: history.sorted { ($0.at, $0.sequence) < ($1.at, $1.sequence) }, publicPrices: publicPrices,
                stock: stock, locations: locations, now: now)
        }
    }

    private static func categoryPath(
        of id: CategoryID?, catalog: Catalog, on db: any SQLDatabase
    ) async throws -> [Category] {
        guard let id else { return [] }
        let all = try await catalog.categories(on: db)
        var path: [Category] = []
        var next: CategoryID? = id
        // The tree has no cycles (moves refuse them); the bound only keeps a corrupt row from looping.
        while let current = next, let category = all.first(where: { $0.id == current }), path.count < all.count {
            path.insert(category, at: 0)
            next = category.parentID
        }
        return path
    }

    private struct Market: Hashable, Comparable {
        let channel: String
        let currency: Currency

        init(_ channel: String, _ currency: Currency) {
            self.channel = channel
            self.currency = currency
        }

        static func < (lhs: Market, rhs: Market) -> Bool {
            (lhs.channel, lhs.currency.code) < (rhs.channel, rhs.currency.code)
        }
    }
}
