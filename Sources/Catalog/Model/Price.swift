public import Foundation
public import TorvCore

/// "From `fromQuantity` units on, each costs `unitPrice`": one tier of a variant's price on a list.
/// Every list that prices a variant for single units has a tier from 1.
public struct PriceTier: Sendable, Hashable, Codable {
    public var fromQuantity: Int
    public var unitPrice: Money

    public init(fromQuantity: Int = 1, unitPrice: Money) {
        self.fromQuantity = fromQuantity
        self.unitPrice = unitPrice
    }
}

/// A price list with its tiers for one variant: the input of ``PriceResolver``.
public struct PriceCandidate: Sendable, Hashable {
    public var list: PriceList
    public var tiers: [PriceTier]

    public init(list: PriceList, tiers: [PriceTier]) {
        self.list = list
        self.tiers = tiers
    }
}

/// Who buys how many of a variant, where and when: everything a price depends on.
public struct PricingContext: Sendable, Hashable {
    public var channel: String
    public var currency: Currency
    /// The buyer's customer groups: a group's list prices only its members.
    public var customerGroups: Set<String>
    /// Restricted lists granted to this buyer by contract (a B2B company's price list), whatever their group.
    public var grantedLists: Set<PriceListID>
    public var quantity: Int
    public var at: Date

    public init(
        channel: String, currency: Currency, customerGroups: Set<String> = [], grantedLists: Set<PriceListID> = [],
        quantity: Int = 1, at: Date
    ) {
        self.grantedLists = grantedLists
        self.channel = channel
        self.currency = currency
        self.customerGroups = customerGroups
        self.quantity = quantity
        self.at = at
    }
}

/// The unit price a context gets, and where it came from (for the order's price snapshot and audits).
public struct ResolvedPrice: Sendable, Hashable, Codable {
    public var unitPrice: Money
    /// `nil` for a marketplace seller's own price.
    public var priceListID: PriceListID?
    public var priceListName: String
    /// The tier that applied.
    public var fromQuantity: Int
}

/// One line of the append-only price history: a price set, changed (`oldPrice` and `newPrice`) or
/// removed (`newPrice == nil`). `sequence` numbers a variant's changes in commit order.
public struct PriceChange: Sendable, Hashable, Codable {
    public let id: PriceChangeID
    public let variantID: VariantID
    public let sequence: Int64
    public let priceListID: PriceListID
    public let channel: String
    public let currency: Currency
    public let fromQuantity: Int
    public let oldPrice: Money?
    public let newPrice: Money?
    public let at: Date

    public init(
        id: PriceChangeID, variantID: VariantID, sequence: Int64, priceListID: PriceListID, channel: String,
        currency: Currency, fromQuantity: Int, oldPrice: Money?, newPrice: Money?, at: Date
    ) {
        self.id = id
        self.variantID = variantID
        self.sequence = sequence
        self.priceListID = priceListID
        self.channel = channel
        self.currency = currency
        self.fromQuantity = fromQuantity
        self.oldPrice = oldPrice
        self.newPrice = newPrice
        self.at = at
    }
}
