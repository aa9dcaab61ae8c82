public import Foundation
public import TorvCore

/// A set of prices for one channel and currency. Several lists may price the same variant (base
/// prices, a sale, a wholesale list for a customer group); ``PriceResolver`` picks one.
///
/// A list's terms (channel, currency, priority, group, window) never change once created: the price
/// history is read against them (the Omnibus prior price), so changed terms would rewrite the past.
/// To change terms, create a new list.
public struct PriceList: Sendable, Hashable, Codable {
    public let id: PriceListID
    public var name: String
    public let channel: String
    public let currency: Currency
    /// Higher wins when several lists price the variant.
    public let priority: Int
    /// When set, only customers of this group (a B2B segment, a loyalty tier) get these prices.
    public let customerGroup: String?
    /// The list applies from `startsAt` (inclusive) until `endsAt` (exclusive); `nil` is open-ended.
    public let startsAt: Date?
    public let endsAt: Date?
    /// The channel's standard prices in this currency: public, always on, one per channel and currency.
    /// CSV import and export read and write it.
    public let isBase: Bool

    public init(
        id: PriceListID, name: String, channel: String, currency: Currency, priority: Int = 0,
        customerGroup: String? = nil, startsAt: Date? = nil, endsAt: Date? = nil, isBase: Bool = false
    ) {
        self.id = id
        self.name = name
        self.channel = channel
        self.currency = currency
        self.priority = priority
        self.customerGroup = customerGroup
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.isBase = isBase
    }

    /// Whether the list may price a purchase in `context`: same channel and currency, open at that
    /// moment, and either public or restricted to the buyer's group.
    public func applies(to context: PricingContext) -> Bool {
        channel == context.channel && currency == context.currency && isOpen(at: context.at)
            && ((customerGroup.map(context.customerGroups.contains) ?? true) || context.grantedLists.contains(id))
    }

    public func isOpen(at date: Date) -> Bool {
        if let startsAt, date < startsAt { return false }
        if let endsAt, date >= endsAt { return false }
        return true
    }
}

/// What staff supply to create a price list.
public struct NewPriceList: Sendable, Hashable {
    public var name: String
    public var channel: String
    public var currency: Currency
    public var priority: Int
    public var customerGroup: String?
    public var startsAt: Date?
    public var endsAt: Date?

    public init(
        name: String, channel: String, currency: Currency, priority: Int = 0, customerGroup: String? = nil,
        startsAt: Date? = nil, endsAt: Date? = nil
    ) {
        self.name = name
        self.channel = channel
        self.currency = currency
        self.priority = priority
        self.customerGroup = customerGroup
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
