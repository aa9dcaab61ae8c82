public import Catalog
public import Foundation
import Inventory
public import Persistence
public import TorvCore

/// What shoppers browse, with the stock answer only Inventory can give.
public enum Storefront {
    /// A catalogue listing; with `inStockOnly`, only products with a variant that can be ordered now
    /// (free stock at a shipping location, or a backorder / pre-order rule; a rule whose limit is used up
    /// still counts — the reservation at checkout is what refuses it).
    /// A signed-in `customer` sees their group and contract prices.
    public static func listProducts(
        _ query: ListingQuery, inStockOnly: Bool, customer: String? = nil, on platform: Platform
    ) async throws -> ListingPage {
        let catalog = platform.catalog
        let inventory = platform.inventory
        return try await platform.database.read { db in
            var query = query
            let buyer = try await CartPricer.buyerPricing(of: customer, on: platform, db: db)
            query.customerGroups = buyer.groups
            query.grantedLists = buyer.lists
            let stock =
                inStockOnly
                ? StockCheck { skus in
                    Set(try await inventory.availability(of: skus, on: db).filter(\.isOrderable).map(\.sku))
                } : nil
            return try await catalog.listProducts(query, stock: stock, on: db)
        }
    }

    /// A product page for a public shopper, from this instance's short-lived cache when it has it, and
    /// until when it is fresh (now, when the cache is off). A signed-in `customer` with group or contract
    /// prices gets a page priced for them, read afresh and fresh for no one else.
    public static func productPage(
        slug: String, channel: String, currency: Currency, customer: String? = nil, on platform: Platform
    ) async throws -> (page: ProductPage, freshUntil: Date?) {
        let now = platform.clock.now()
        let catalog = platform.catalog
        if let customer {
            let personal = try await platform.database.read { db -> ProductPage? in
                let buyer = try await CartPricer.buyerPricing(of: customer, on: platform, db: db)
                guard !buyer.groups.isEmpty || !buyer.lists.isEmpty else { return nil }
                return try await catalog.productPage(
                    slug: slug, channel: channel, currency: currency, customerGroups: buyer.groups,
                    grantedLists: buyer.lists, at: now, on: db)
            }
            if let personal { return (personal, nil) }
        }
        return try await platform.productPages.page(slug: slug, channel: channel, currency: currency, now: now) {
            try await platform.database.read { db in
                try await catalog.productPage(slug: slug, channel: channel, currency: currency, at: now, on: db)
            }
        }
    }
}
