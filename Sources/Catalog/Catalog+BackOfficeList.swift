import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// Products in any status for the back office, narrowed by status, words and category subtree,
    /// in ID order (oldest first); `after` is the last ID seen. Words match the title, brand,
    /// description or a SKU the way the storefront's search does, so staff find what shoppers find.
    public func products(
        matching search: ProductSearch, after cursor: ProductID? = nil, limit: Int = 50, on db: any SQLDatabase
    ) async throws -> [Product] {
        var condition: SQLQueryString = "p.id > \(bind: cursor?.rawValue ?? "")"
        if let status = search.status { condition += " AND p.status = \(bind: status.rawValue)" }
        if let category = search.category {
            let all = try await categories(on: db)
            guard all.contains(where: { $0.id == category }) else { throw CatalogError.categoryNotFound }
            let subtree = CategoryTree.subtree(of: category, in: all).map(\.rawValue).sorted()
            condition += " AND p.category_id IN (\(binds: subtree))"
        }
        for term in Self.searchTerms(search.text) {
            condition += """
                 AND (p.search_text LIKE \(bind: "%\(Self.escapeLike(ProductRules.folded(term)))%") ESCAPE '!'
                      OR EXISTS (SELECT 1 FROM catalog_variants sv WHERE sv.product_id = p.id
                                 AND sv.sku_key LIKE \(bind: "%\(Self.escapeLike(SKU.key(term)))%") ESCAPE '!'))
                """
        }
        let ids = try await db.raw(
            "SELECT p.id FROM catalog_products p WHERE " + condition
                + " ORDER BY p.id LIMIT \(bind: min(max(limit, 1), Self.maximumPageSize))"
        ).all(decodingColumn: "id", as: String.self).compactMap(ProductID.init)
        return try await loadProducts(ids, on: db)
    }

    /// How many variants each product has and the range of its base prices in `currency`, in two
    /// queries whatever the count. Products without variants are reported with a count of zero.
    public func summaries(
        of ids: [ProductID], currency: Currency, on db: any SQLDatabase
    ) async throws -> [ProductID: ProductSummary] {
        let keys = ids.map(\.rawValue)
        var summaries = Dictionary(uniqueKeysWithValues: ids.map { ($0, ProductSummary(variantCount: 0)) })
        let counts = try await inChunks(keys) { chunk in
            try await db.raw(
                """
                SELECT product_id, COUNT(*) AS variant_count FROM catalog_variants
                WHERE product_id IN (\(binds: chunk)) GROUP BY product_id
                """
            ).all()
        }
        for row in counts {
            summaries[try row.id("product_id", as: ProductID.self)]?.variantCount = try row.int("variant_count")
        }
        let ranges = try await inChunks(keys) { chunk in
            try await db.raw(
                """
                SELECT v.product_id, MIN(p.amount) AS lowest, MAX(p.amount) AS highest
                FROM catalog_prices p
                JOIN catalog_price_lists l ON l.id = p.price_list_id
                JOIN catalog_variants v ON v.id = p.variant_id
                WHERE l.is_base = 1 AND p.min_quantity = 1 AND l.currency = \(bind: currency.code)
                  AND v.product_id IN (\(binds: chunk))
                GROUP BY v.product_id
                """
            ).all()
        }
        for row in ranges {
            let id = try row.id("product_id", as: ProductID.self)
            summaries[id]?.lowestBasePrice = Money(minorUnits: Int64(try row.int("lowest")), currency: currency)
            summaries[id]?.highestBasePrice = Money(minorUnits: Int64(try row.int("highest")), currency: currency)
        }
        return summaries
    }
}
