public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// The storefront's product page: only a published product sold in `channel`, else
    /// `product_not_found`, so drafts and other channels' products do not reveal that they exist.
    /// Eight queries whatever the number of variants (product, its parts, variants, every price,
    /// the public lists, the history behind the prior prices and the honest-price settings; a perishable
    /// check reads the category tree). A signed-in buyer's groups and
    /// contract lists price the variants; the prior price stays the public one (Omnibus is about prices
    /// applied to all consumers).
    public func productPage(
        slug: String, channel: String, currency: Currency, customerGroups: Set<String> = [],
        grantedLists: Set<PriceListID> = [], at now: Date, on db: any SQLDatabase
    ) async throws -> ProductPage {
        guard let id = try await productID(slug: slug, on: db),
            let product = try await loadProducts([id], on: db).first,
            product.status == .published, product.channels.contains(channel)
        else { throw CatalogError.productNotFound }
        let variants = try await variants(of: product.id, on: db)
        let ids = variants.map(\.id)
        let candidates = try await priceCandidates(for: ids, channel: channel, currency: currency, on: db)
        let publicLists = try await loadPriceLists(
            where: "channel = \(bind: channel) AND currency = \(bind: currency.code) AND customer_group IS NULL", on: db
        )
        let history = try await inChunks(ids.map(\.rawValue)) { chunk in
            try await self.history(
                where: """
                    variant_id IN (\(binds: chunk)) AND channel = \(bind: channel) AND currency = \(bind: currency.code)
                    AND min_quantity = 1 AND recorded_at <= \(bind: now.epochMicroseconds)
                    """, on: db)
        }
        let changes = Dictionary(grouping: history, by: \.variantID)
        let honesty = try await honestPriceSettings(on: db)
        let perishable = try await isPerishable(category: product.details.categoryID, settings: honesty, on: db)
        let context = PricingContext(
            channel: channel, currency: currency, customerGroups: customerGroups, grantedLists: grantedLists, at: now)
        let offers = variants.map { variant -> ProductPage.VariantOffer in
            let price = PriceResolver.resolve(candidates[variant.id] ?? [], for: context)?.unitPrice
            let own = changes[variant.id] ?? []
            // The reduction is the latest change; its prior price follows the shop's Omnibus policy.
            let prior = own.last.flatMap { current in
                HonestPrice.reference(
                    for: AppliedPriceTimeline(
                        channel: channel, currency: currency, lists: publicLists,
                        changes: own.filter { $0.at < current.at }),
                    reductionStartsAt: current.at, isPerishable: perishable, policy: honesty.policy
                ).price
            }
            return ProductPage.VariantOffer(
                variant: variant, price: price, priorPrice: prior,
                purchasable: price != nil && product.isPurchasable(at: now))
        }
        var edges = candidates.values.joined().flatMap { [$0.list.startsAt, $0.list.endsAt] }.compactMap { $0 }
        if let from = product.details.purchasableFrom { edges.append(from) }
        return ProductPage(product: product, variants: offers, validUntil: edges.filter { $0 > now }.min())
    }
}
