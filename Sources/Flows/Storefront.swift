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
    public static func listProducts(
        _ query: ListingQuery, inStockOnly: Bool, on platform: Platform
    ) async throws -> ListingPage {
        let catalog = platform.catalog
        let inventory = platform.inventory
        return try await platform.database.read { db in
            let stock =
                inStockOnly
                ? StockCheck { skus in
                    Set(try await inventory.availability(of: skus, on: db).filter(\.isOrderable).map(\.sku))
                } : nil
            return try await catalog.listProducts(query, stock: stock, on: db)
        }
    }

    /// A product page for a public shopper, from this instance's short-lived cache when it has it, and
    /// until when it is fresh (now, when the cache is off).
    public static func productPage(
        slug: String, channel: String, currency: Currency, on platform: Platform
    ) async throws -> (page: ProductPage, freshUntil: Date) {
        let now = platform.clock.now()
        let catalog = platform.catalog
        return try await platform.productPages.page(slug: slug, channel: channel, currency: currency, now: now) {
            try await platform.database.read { db in
                try await catalog.productPage(slug: slug, channel: channel, currency: currency, at: now, on: db)
            }
        }
    }
}
