public import Foundation
import Persistence
public import TorvCore

/// The EU Omnibus Directive's prior price (Directive 98/6/EC Art. 6a, as amended by 2019/2161): a
/// price reduction must be announced against the lowest price applied to all consumers during at
/// least the 30 days before it.
///
/// "Applied" means the price a shopper actually got, so the answer is not the minimum over history
/// rows: a sale list's price counts only while the sale was open and outranked the base list, and a
/// group-only list never counts. This replays the history moment by moment through ``PriceResolver``
/// for a public buyer of one unit. Pure: the store supplies the lists and history.
public enum PriorPrice {
    /// The lowest applied price in `window`, or `nil` when the variant had no public price then.
    /// `changes` are one variant's history in one channel and currency, any order; `lists` are the
    /// price lists they belong to (the store passes the public lists of that channel and currency).
    public static func lowest(
        in window: Range<Date>, channel: String, currency: Currency, lists: [PriceList], changes: [PriceChange]
    ) -> Money? {
        let history = changes.filter { $0.fromQuantity == 1 && $0.currency == currency }.sorted {
            $0.sequence < $1.sequence
        }
        let publicLists = lists.filter { $0.customerGroup == nil && $0.channel == channel && $0.currency == currency }
        // Prices only change at these moments: the window's start, a recorded change, a list opening or closing.
        var moments: Set<Date> = [window.lowerBound]
        for change in history where window.contains(change.at) { moments.insert(change.at) }
        for list in publicLists {
            for edge in [list.startsAt, list.endsAt].compactMap({ $0 }) where window.contains(edge) {
                moments.insert(edge)
            }
        }
        var lowest: Money?
        for moment in moments {
            let candidates = publicLists.compactMap { list -> PriceCandidate? in
                // The latest change at or before the moment is the list's state then.
                guard let state = history.last(where: { $0.priceListID == list.id && $0.at <= moment }),
                    let price = state.newPrice
                else { return nil }
                return PriceCandidate(list: list, tiers: [PriceTier(fromQuantity: 1, unitPrice: price)])
            }
            let context = PricingContext(channel: channel, currency: currency, quantity: 1, at: moment)
            guard let applied = PriceResolver.resolve(candidates, for: context)?.unitPrice else { continue }
            if let current = lowest, current.amount <= applied.amount { continue }
            lowest = applied
        }
        return lowest
    }
}
