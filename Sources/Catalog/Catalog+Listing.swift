import Foundation
import Persistence
public import SQLKit
import TorvCore

extension Catalog {
    /// A page of a channel's published products for shoppers, with facet counts.
    ///
    /// The database narrows by channel, status, category subtree and text; prices are then resolved
    /// per variant with the same ``PriceResolver`` checkout uses (so a listed "from" price is a price
    /// the shopper can get), and ``ListingEngine`` filters, facets, sorts and pages. This keeps one
    /// source of pricing truth at the cost of loading the narrowed set: fine for catalogues of tens of
    /// thousands of products per channel; a search index is the next step beyond that.
    ///
    /// `stock`, when given, keeps only products with at least one SKU it reports in stock.
    public func listProducts(
        _ query: ListingQuery, stock: StockCheck? = nil, on db: any SQLDatabase
    ) async throws
        -> ListingPage
    {
        try await check(query, on: db)
        let at = query.at ?? now
        var condition: SQLQueryString = "pc.channel = \(bind: query.channel) AND p.status = 'published'"
        if let category = query.category {
            let all = try await categories(on: db)
            guard all.contains(where: { $0.id == category }) else { throw CatalogError.categoryNotFound }
            let subtree = CategoryTree.subtree(of: category, in: all).map(\.rawValue)
            condition += " AND p.category_id IN (\(binds: subtree))"
        }
        for term in Self.searchTerms(query.text) {
            condition += """
                 AND (p.search_text LIKE \(bind: "%\(Self.escapeLike(ProductRules.folded(term)))%") ESCAPE '!'
                      OR EXISTS (SELECT 1 FROM catalog_variants sv WHERE sv.product_id = p.id
                                 AND sv.sku_key LIKE \(bind: "%\(Self.escapeLike(SKU.key(term)))%") ESCAPE '!'))
                """
        }
        let rows = try await db.raw(
            """
            SELECT p.id, p.slug, p.title, p.brand, p.created_at, p.purchasable_from
            FROM catalog_products p JOIN catalog_product_channels pc ON pc.product_id = p.id WHERE
            """ + " " + condition
        ).all()
        var candidates: [String: ListingCandidate] = [:]
        for row in rows {
            let purchasableFrom = try row.optionalDate("purchasable_from")
            let product = ListedProduct(
                id: try row.id("id", as: ProductID.self), slug: try row.string("slug"), title: try row.string("title"),
                brand: try row.optionalString("brand"), purchasable: purchasableFrom.map { at >= $0 } ?? true,
                purchasableFrom: purchasableFrom, createdAt: try row.date("created_at"))
            candidates[product.id.rawValue] = ListingCandidate(product: product)
        }
        try await enrich(&candidates, query: query, at: at, stock: stock, on: db)
        return try ListingEngine.page(Array(candidates.values), for: query)
    }

    /// Adds attributes, first images, "from" prices and stock to the candidates.
    private func enrich(
        _ candidates: inout [String: ListingCandidate], query: ListingQuery, at: Date, stock: StockCheck?,
        on db: any SQLDatabase
    ) async throws {
        let keys = Array(candidates.keys)
        for row in try await inChunks(
            keys,
            { chunk in
                try await db.raw(
                    "SELECT product_id, code, value FROM catalog_product_attributes WHERE product_id IN (\(binds: chunk))"
                ).all()
            })
        {
            candidates[try row.string("product_id")]?.attributes[try row.string("code")] = try row.string("value")
        }
        for row in try await inChunks(
            keys,
            { chunk in
                try await db.raw(
                    "SELECT product_id, url, alt_text FROM catalog_product_media WHERE position = 0 AND product_id IN (\(binds: chunk))"
                ).all()
            })
        {
            candidates[try row.string("product_id")]?.product.image = MediaReference(
                url: try row.string("url"), altText: try row.string("alt_text"))
        }
        let variants = try await inChunks(keys) { chunk in
            try await db.raw("SELECT id, product_id, sku FROM catalog_variants WHERE product_id IN (\(binds: chunk))")
                .all()
                .map {
                    (
                        id: try $0.id("id", as: VariantID.self), product: try $0.string("product_id"),
                        sku: try $0.string("sku")
                    )
                }
        }
        let prices = try await priceCandidates(
            for: variants.map(\.id), channel: query.channel, currency: query.currency, on: db)
        let context = PricingContext(
            channel: query.channel, currency: query.currency,
            customerGroups: Set([query.customerGroup].compactMap { $0 }), quantity: 1, at: at)
        var inStock: Set<String>?
        if let stock { inStock = Set(try await stock.inStock(variants.map(\.sku)).map(SKU.key)) }
        if inStock != nil { for key in keys { candidates[key]?.inStock = false } }
        for variant in variants {
            if let inStock, inStock.contains(SKU.key(variant.sku)) { candidates[variant.product]?.inStock = true }
            guard let price = PriceResolver.resolve(prices[variant.id] ?? [], for: context)?.unitPrice else { continue }
            if let current = candidates[variant.product]?.product.fromPrice, current.amount <= price.amount { continue }
            candidates[variant.product]?.product.fromPrice = price
        }
    }

    private func check(_ query: ListingQuery, on db: any SQLDatabase) async throws {
        var v = Validator()
        v.check(
            (1...Self.maximumPageSize).contains(query.limit), "/limit", "must be 1 to \(Self.maximumPageSize)",
            code: "out_of_range")
        v.check((query.text ?? "").count <= 200, "/text", "must be at most 200 characters", code: "too_long")
        for (pointer, bound) in [("/minimum_price", query.minimumPrice), ("/maximum_price", query.maximumPrice)] {
            guard let bound else { continue }
            v.check(
                bound.currency == query.currency, pointer, "must be in \(query.currency.code)",
                code: "currency_mismatch")
        }
        if let minimum = query.minimumPrice, let maximum = query.maximumPrice {
            v.check(
                minimum.amount <= maximum.amount, "/maximum_price", "must not be below minimum_price",
                code: "invalid_range")
        }
        try v.finish()
        try await requireChannels([query.channel], on: db)
    }

    /// At most eight words, so a pasted paragraph does not become a query with hundreds of LIKEs.
    static func searchTerms(_ text: String?) -> [String] {
        Array((text ?? "").split(whereSeparator: \.isWhitespace).map(String.init).prefix(8))
    }

    /// `%` and `_` in the shopper's words are literal, so they are escaped with `!` (`ESCAPE '!'`).
    static func escapeLike(_ text: String) -> String {
        text.replacing("!", with: "!!").replacing("%", with: "!%").replacing("_", with: "!_")
    }
}
