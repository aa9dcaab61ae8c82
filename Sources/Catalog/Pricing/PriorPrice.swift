public import Foundation
public import TorvCore

/// The EU Omnibus Directive's prior price (Directive 98/6/EC Art. 6a, as amended by 2019/2161): a
/// price reduction must be announced against the lowest price applied to all consumers during at
/// least the 30 days before it.
///
/// "Applied" means the price a shopper actually got, so the answer is not the minimum over history
/// rows: a sale list's price counts only while the sale was open and outranked the base list, and a
/// group-only list never counts. ``AppliedPriceTimeline`` replays the history moment by moment
/// through ``PriceResolver`` for a public buyer of one unit. Pure: the store supplies the lists and
/// history. ``HonestPrice`` adds the directive's exceptions (new products, perishables, progressive
/// reductions).
public enum PriorPrice {
    /// The lowest applied price in `window`, or `nil` when the variant had no public price then.
    /// `changes` are one variant's history in one channel and currency, any order; `lists` are the
    /// price lists they belong to (the store passes the public lists of that channel and currency).
    public static func lowest(
        in window: Range<Date>, channel: String, currency: Currency, lists: [PriceList], changes: [PriceChange]
    ) -> Money? {
        let timeline = AppliedPriceTimeline(channel: channel, currency: currency, lists: lists, changes: changes)
        // An empty window has always answered the price in force at its start; kept so callers asking
        // for zero days see no change.
        if window.isEmpty { return timeline.price(at: window.lowerBound) }
        return timeline.lowest(in: window)
    }
}
