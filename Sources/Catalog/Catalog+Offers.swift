public import Foundation
import Persistence
public import SQLKit
public import TorvCore

/// One line a buyer wants priced: a variant and how many.
public struct OfferRequest: Sendable, Hashable {
    public var variantID: VariantID
    public var quantity: Int
    /// A marketplace seller's price for the variant: the catalogue then answers with its facts (title, tax
    /// class, weight, whether it can be bought in the channel now) at this price instead of the shop's.
    public var sellerPrice: Money?

    public init(variantID: VariantID, quantity: Int, sellerPrice: Money? = nil) {
        self.variantID = variantID
        self.quantity = quantity
        self.sellerPrice = sellerPrice
    }
}

extension Catalog {
    /// What a buyer may purchase right now and at which price: the catalogue's answer to a cart or
    /// checkout. Refuses a product that is not published, not in the channel, not yet purchasable
    /// (`not_yet_purchasable`) or not priced for this buyer, channel, currency and quantity.
    public func offer(
        for variantID: VariantID, in context: PricingContext, on db: any SQLDatabase
    ) async throws
        -> Offer
    {
        let request = OfferRequest(variantID: variantID, quantity: context.quantity)
        return try await offers(for: [request], in: context, on: db)[0].get()
    }

    /// ``offer(for:in:on:)`` for every line of a cart at once, in four queries whatever the number of
    /// lines; each answer is the offer or the refusal for that line, in the order asked.
    /// `context.quantity` is ignored: each request carries its own.
    public func offers(
        for requests: [OfferRequest], in context: PricingContext, on db: any SQLDatabase
    ) async throws -> [Result<Offer, CatalogError>] {
        var v = Validator()
        for (index, request) in requests.enumerated() {
            let pointer = requests.count == 1 ? "/quantity" : "/lines/\(index)/quantity"
            v.check(request.quantity >= 1, pointer, "must be at least 1", code: "out_of_range")
        }
        try v.finish()
        let variantIDs = Array(Set(requests.map(\.variantID)))
        guard !variantIDs.isEmpty else { return [] }
        let variants = Dictionary(
            try await inChunks(variantIDs.map(\.rawValue)) { chunk in
                try await loadVariants(where: "v.id IN (\(binds: chunk))", on: db)
            }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let products = try await sellable(
            Array(Set(variants.values.map(\.productID))), channel: context.channel, on: db)
        let candidates = try await priceCandidates(
            for: variantIDs, channel: context.channel, currency: context.currency, on: db)
        let optionCodes = Set(variants.values.flatMap { $0.options.map(\.optionType) })
        let names = try await optionTypes(codes: Array(optionCodes), on: db)

        return requests.map { request in
            guard let variant = variants[request.variantID] else { return .failure(.variantNotFound) }
            guard let product = products[variant.productID] else { return .failure(.productNotFound) }
            guard product.status == .published else { return .failure(.productNotPublished) }
            guard product.inChannel else { return .failure(.notSoldInChannel(context.channel)) }
            if let from = product.purchasableFrom, context.at < from { return .failure(.notYetPurchasable(from: from)) }
            var buyer = context
            buyer.quantity = request.quantity
            let sellerPrice = request.sellerPrice.map {
                ResolvedPrice(unitPrice: $0, priceListID: nil, priceListName: "Seller's price", fromQuantity: 1)
            }
            guard let price = sellerPrice ?? PriceResolver.resolve(candidates[variant.id] ?? [], for: buyer) else {
                return .failure(.noPrice)
            }
            let variantTitle = variant.options.map { choice in
                names.first { $0.code == choice.optionType }?.value(choice.value)?.name ?? choice.value
            }.joined(separator: " / ")
            return .success(
                Offer(
                    productID: product.id, variantID: variant.id, sku: variant.sku, productTitle: product.title,
                    variantTitle: variantTitle, taxClass: product.taxClass, weightGrams: variant.weightGrams,
                    price: price, quantity: request.quantity))
        }
    }

    /// Just what an offer needs of a product, with whether it is sold in `channel`, in one query.
    private func sellable(
        _ ids: [ProductID], channel: String, on db: any SQLDatabase
    ) async throws -> [ProductID: SellableProduct] {
        let rows = try await inChunks(ids.map(\.rawValue)) { chunk in
            try await db.raw(
                """
                SELECT p.id, p.title, p.tax_class, p.status, p.purchasable_from,
                       CASE WHEN EXISTS (SELECT 1 FROM catalog_product_channels c
                                         WHERE c.product_id = p.id AND c.channel = \(bind: channel))
                            THEN 1 ELSE 0 END AS in_channel
                FROM catalog_products p WHERE p.id IN (\(binds: chunk))
                """
            ).all()
        }
        var products: [ProductID: SellableProduct] = [:]
        for row in rows {
            let product = SellableProduct(
                id: try row.id("id", as: ProductID.self), title: try row.string("title"),
                taxClass: try row.string("tax_class"),
                status: try row.enumeration("status", as: ProductStatus.self, table: "catalog_products"),
                purchasableFrom: try row.optionalDate("purchasable_from"), inChannel: try row.int("in_channel") == 1)
            products[product.id] = product
        }
        return products
    }
}

private struct SellableProduct {
    let id: ProductID
    let title: String
    let taxClass: String
    let status: ProductStatus
    let purchasableFrom: Date?
    let inChannel: Bool
}
