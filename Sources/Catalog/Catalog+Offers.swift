import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// What a buyer may purchase right now and at which price: the catalogue's answer to a cart or
    /// checkout. Refuses a product that is not published, not in the channel, not yet purchasable
    /// (`not_yet_purchasable`) or not priced for this buyer, channel, currency and quantity.
    public func offer(
        for variantID: VariantID, in context: PricingContext, on db: any SQLDatabase
    ) async throws
        -> Offer
    {
        var v = Validator()
        v.check(context.quantity >= 1, "/quantity", "must be at least 1", code: "out_of_range")
        try v.finish()
        let variant = try await variant(variantID, on: db)
        let product = try await product(variant.productID, on: db)
        guard product.status == .published else { throw CatalogError.productNotPublished }
        guard product.channels.contains(context.channel) else { throw CatalogError.notSoldInChannel(context.channel) }
        if let from = product.details.purchasableFrom, !product.isPurchasable(at: context.at) {
            throw CatalogError.notYetPurchasable(from: from)
        }
        let price = try await price(of: variantID, for: context, on: db)
        let names = try await optionTypes(codes: product.optionTypes, on: db)
        let variantTitle = variant.options.map { choice in
            names.first { $0.code == choice.optionType }?.value(choice.value)?.name ?? choice.value
        }.joined(separator: " / ")
        return Offer(
            productID: product.id, variantID: variant.id, sku: variant.sku, productTitle: product.title,
            variantTitle: variantTitle, taxClass: product.details.taxClass, weightGrams: variant.weightGrams,
            price: price, quantity: context.quantity)
    }
}
