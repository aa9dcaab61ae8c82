public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// Every recorded change of a variant's prices, in the order they were made.
    public func priceHistory(of variantID: VariantID, on db: any SQLDatabase) async throws -> [PriceChange] {
        try await history(where: "variant_id = \(bind: variantID.rawValue)", on: db)
    }

    /// The lowest price a shopper was charged for one unit of the variant in the `days` before
    /// `moment`, in one channel and currency: the prior price the EU Omnibus Directive requires
    /// beside an announced reduction. `nil` when the variant had no public price in that period.
    /// See ``PriorPrice`` for what "charged" means.
    public func lowestPriorPrice(
        of variantID: VariantID, channel: String, currency: Currency, before moment: Date, days: Int = 30,
        on db: any SQLDatabase
    ) async throws -> Money? {
        let start = moment.addingTimeInterval(-Double(days) * 86_400)
        let lists = try await loadPriceLists(
            where: "channel = \(bind: channel) AND currency = \(bind: currency.code) AND customer_group IS NULL", on: db
        )
        let changes = try await history(
            where: """
                variant_id = \(bind: variantID.rawValue) AND channel = \(bind: channel) AND currency = \(bind: currency.code)
                AND min_quantity = 1 AND recorded_at < \(bind: moment.epochMicroseconds)
                """, on: db)
        return PriorPrice.lowest(
            in: start..<moment, channel: channel, currency: currency, lists: lists, changes: changes)
    }

    func history(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [PriceChange] {
        try await db.raw(
            """
            SELECT id, variant_id, sequence, price_list_id, channel, currency, min_quantity, old_amount, new_amount,
                   recorded_at
            FROM catalog_price_history WHERE
            """ + " " + condition + " ORDER BY variant_id, sequence"
        ).all().map { row in
            let currency = try row.currency("currency")
            return PriceChange(
                id: try row.id("id", as: PriceChangeID.self), variantID: try row.id("variant_id", as: VariantID.self),
                sequence: try row.decode(column: "sequence", as: Int64.self),
                priceListID: try row.id("price_list_id", as: PriceListID.self), channel: try row.string("channel"),
                currency: currency, fromQuantity: try row.int("min_quantity"),
                oldPrice: try row.decode(column: "old_amount", as: Int64?.self).map {
                    Money(minorUnits: $0, currency: currency)
                },
                newPrice: try row.decode(column: "new_amount", as: Int64?.self).map {
                    Money(minorUnits: $0, currency: currency)
                },
                at: try row.date("recorded_at"))
        }
    }
}

extension Catalog {
    /// The prior price to show beside the current one: the lowest unit price of the 30 days before the
    /// current price took effect (the last public change at or before `moment`). Comparing against a
    /// window that ends now would include the reduced price itself and hide the reduction.
    public func priorPrice(
        of variantID: VariantID, channel: String, currency: Currency, at moment: Date, days: Int = 30,
        on db: any SQLDatabase
    ) async throws -> Money? {
        let lastChange = try await priceHistory(of: variantID, on: db).last {
            $0.channel == channel && $0.currency == currency && $0.fromQuantity == 1 && $0.at <= moment
        }
        guard let lastChange else { return nil }
        return try await lowestPriorPrice(
            of: variantID, channel: channel, currency: currency, before: lastChange.at, days: days, on: db)
    }
}
