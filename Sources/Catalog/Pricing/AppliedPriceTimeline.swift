public import Foundation
public import TorvCore

/// The unit price a public buyer of one unit actually got for a variant in one channel and currency,
/// over time: a piecewise-constant function told as the moments it changed.
///
/// Built by replaying the price history through ``PriceResolver`` at every moment a price could
/// change (a recorded change, a list opening or closing), so a sale list's price shows only while
/// the sale was open and outranked the base list, and a customer group's list never shows: the
/// "price applied to all consumers" of the Omnibus Directive (98/6/EC Art. 6a). Pure: the store
/// supplies the lists and the history.
public struct AppliedPriceTimeline: Sendable, Hashable {
    /// From `from` until the next segment's `from`, shoppers paid `price` (`nil`: not on sale).
    public struct Segment: Sendable, Hashable, Codable {
        public let from: Date
        public let price: Money?

        public init(from: Date, price: Money?) {
            self.from = from
            self.price = price
        }
    }

    public let channel: String
    public let currency: Currency
    /// In time order, each price different from the one before; the first has a price. Before the
    /// first segment the variant had no public price.
    public let segments: [Segment]

    /// Replays `changes`, one variant's history in any order (other currencies and quantity tiers
    /// are ignored), against `lists` (only public lists of `channel` and `currency` count).
    public init(channel: String, currency: Currency, lists: [PriceList], changes: [PriceChange]) {
        let publicLists = lists.filter { $0.customerGroup == nil && $0.channel == channel && $0.currency == currency }
        // A list's state at a moment is its latest change by sequence among those recorded by then;
        // sweeping in time order keeps that state per list without searching the history each time.
        let history = changes.filter { $0.fromQuantity == 1 && $0.currency == currency }.sorted {
            ($0.at, $0.sequence) < ($1.at, $1.sequence)
        }
        var moments = Set(history.map(\.at))
        for list in publicLists { moments.formUnion([list.startsAt, list.endsAt].compactMap { $0 }) }
        var states: [PriceListID: PriceChange] = [:]
        var next = history.startIndex
        var segments: [Segment] = []
        for moment in moments.sorted() {
            while next < history.endIndex, history[next].at <= moment {
                let change = history[next]
                if (states[change.priceListID]?.sequence ?? .min) < change.sequence {
                    states[change.priceListID] = change
                }
                next += 1
            }
            let candidates = publicLists.compactMap { list -> PriceCandidate? in
                guard let price = states[list.id]?.newPrice else { return nil }
                return PriceCandidate(list: list, tiers: [PriceTier(fromQuantity: 1, unitPrice: price)])
            }
            let context = PricingContext(channel: channel, currency: currency, quantity: 1, at: moment)
            segments.append(Segment(from: moment, price: PriceResolver.resolve(candidates, for: context)?.unitPrice))
        }
        self.init(channel: channel, currency: currency, segments: segments)
    }

    /// A timeline from known segments (a stored or hand-made one); they are put in time order,
    /// leading unpriced segments and repeats of the previous price are dropped, and on equal
    /// moments the last given wins.
    public init(channel: String, currency: Currency, segments: [Segment]) {
        self.channel = channel
        self.currency = currency
        let ordered = segments.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }
        var normal: [Segment] = []
        for segment in ordered.map(\.element) {
            if normal.last?.from == segment.from { normal.removeLast() }
            if normal.last?.price == segment.price || (normal.isEmpty && segment.price == nil) { continue }
            normal.append(segment)
        }
        self.segments = normal
    }

    /// The price applied at `moment`, `nil` when the variant had no public price then.
    public func price(at moment: Date) -> Money? {
        index(at: moment).flatMap { segments[$0].price }
    }

    /// When the variant first had a public price.
    public var firstOffered: Date? { segments.first?.from }

    /// The segments that overlap `window`, the first one starting at the window's start when it began
    /// earlier. Empty for an empty window.
    public func segments(in window: Range<Date>) -> [Segment] {
        guard !window.isEmpty else { return [] }
        let first = index(at: window.lowerBound) ?? segments.startIndex
        return segments[first...].prefix { $0.from < window.upperBound }.map {
            Segment(from: max($0.from, window.lowerBound), price: $0.price)
        }
    }

    /// The lowest price applied at some moment of `window`, `nil` when none was.
    public func lowest(in window: Range<Date>) -> Money? {
        segments(in: window).compactMap(\.price).min { $0.amount < $1.amount }
    }

    /// The highest price applied at some moment of `window`, `nil` when none was.
    public func highest(in window: Range<Date>) -> Money? {
        segments(in: window).compactMap(\.price).max { $0.amount < $1.amount }
    }

    /// The index of the segment in force at `moment` (the last one starting at or before it).
    private func index(at moment: Date) -> Int? {
        var (low, high) = (segments.startIndex, segments.endIndex)
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].from <= moment { low = middle + 1 } else { high = middle }
        }
        return low == segments.startIndex ? nil : low - 1
    }
}
