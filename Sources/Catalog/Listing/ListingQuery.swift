public import Foundation
public import TorvCore

/// How a listing is ordered.
public enum ListingSort: String, Sendable, Hashable, Codable, CaseIterable {
    case newest
    case priceAscending = "price_asc"
    case priceDescending = "price_desc"
    case title
}

/// What a shopper browses: a channel's published products, narrowed by category (with its
/// descendants), attribute values, a price range and text, sorted and paged.
public struct ListingQuery: Sendable, Hashable {
    public var channel: String
    /// Prices are shown, filtered and sorted in this currency.
    public var currency: Currency
    /// The buyer's B2B or loyalty groups and contract lists, whose prices apply as in ``PricingContext``.
    public var customerGroups: Set<String>
    public var grantedLists: Set<PriceListID>
    /// Words to find in the title, brand, description or a SKU; every word must match.
    public var text: String?
    public var category: CategoryID?
    /// Attribute code → accepted canonical values: any value within an attribute, every attribute.
    public var attributes: [String: Set<String>]
    /// Bounds on the "from" price (the lowest unit price of any variant), inclusive.
    public var minimumPrice: Money?
    public var maximumPrice: Money?
    public var sort: ListingSort
    /// At most ``Catalog/maximumPageSize``.
    public var limit: Int
    /// The `nextCursor` of the previous page.
    public var after: String?
    /// The moment prices and purchasability are evaluated at; `nil` is now.
    public var at: Date?

    public init(
        channel: String, currency: Currency, customerGroups: Set<String> = [], grantedLists: Set<PriceListID> = [],
        text: String? = nil,
        category: CategoryID? = nil, attributes: [String: Set<String>] = [:], minimumPrice: Money? = nil,
        maximumPrice: Money? = nil, sort: ListingSort = .newest, limit: Int = 24, after: String? = nil, at: Date? = nil
    ) {
        self.channel = channel
        self.currency = currency
        self.customerGroups = customerGroups
        self.grantedLists = grantedLists
        self.text = text
        self.category = category
        self.attributes = attributes
        self.minimumPrice = minimumPrice
        self.maximumPrice = maximumPrice
        self.sort = sort
        self.limit = limit
        self.after = after
        self.at = at
    }
}

/// The stock hook. Stock belongs to Inventory, which the catalogue may not import, so a flow passes
/// a function that answers which of the given SKUs can be sold now.
public struct StockCheck: Sendable {
    public var inStock: @Sendable ([String]) async throws -> Set<String>

    public init(inStock: @escaping @Sendable ([String]) async throws -> Set<String>) {
        self.inStock = inStock
    }

    /// A fixed set of in-stock SKUs (compared ignoring case), for tests and imports of stock files.
    public static func skus(_ skus: Set<String>) -> StockCheck {
        let keys = Set(skus.map(SKU.key))
        return StockCheck { asked in Set(asked.filter { keys.contains(SKU.key($0)) }) }
    }
}
