import Foundation
import Persistence
import SQLKit
import TorvCore

extension Catalog {
    /// Loads products with everything they own, in the order of `ids`, in five queries whatever
    /// the count. Unknown IDs are skipped.
    func loadProducts(_ ids: [ProductID], on db: any SQLDatabase) async throws -> [Product] {
        guard !ids.isEmpty else { return [] }
        let keys = ids.map(\.rawValue)
        let rows = try await inChunks(keys) { chunk in
            try await db.raw(
                """
                SELECT id, slug, title, description, brand, category_id, tax_class, status, purchasable_from,
                       created_at, updated_at, published_at
                FROM catalog_products WHERE id IN (\(binds: chunk))
                """
            ).all()
        }
        let attributes = try await inChunks(keys) { chunk in
            try await db.raw(
                """
                SELECT pa.product_id, pa.code, pa.value, a.kind FROM catalog_product_attributes pa
                JOIN catalog_attributes a ON a.code = pa.code WHERE pa.product_id IN (\(binds: chunk))
                """
            ).all()
        }
        let media = try await inChunks(keys) { chunk in
            try await db.raw(
                """
                SELECT product_id, url, alt_text FROM catalog_product_media
                WHERE product_id IN (\(binds: chunk)) ORDER BY product_id, position
                """
            ).all()
        }
        let options = try await inChunks(keys) { chunk in
            try await db.raw(
                """
                SELECT product_id, option_type FROM catalog_product_options
                WHERE product_id IN (\(binds: chunk)) ORDER BY product_id, position
                """
            ).all()
        }
        let channels = try await inChunks(keys) { chunk in
            try await db.raw(
                """
                SELECT product_id, channel FROM catalog_product_channels
                WHERE product_id IN (\(binds: chunk)) ORDER BY product_id, channel
                """
            ).all()
        }

        var byID: [String: Product] = [:]
        for row in rows {
            let product = try Self.product(from: row)
            byID[product.id.rawValue] = product
        }
        for row in attributes {
            let id = try row.string("product_id")
            let code = try row.string("code")
            let text = try row.string("value")
            guard let kind = AttributeKind(rawValue: try row.string("kind")),
                let value = AttributeValue(parsing: text, as: kind)
            else { throw PersistenceError.corruptRow(table: "catalog_product_attributes", detail: "\(id) \(code)") }
            byID[id]?.details.attributes[code] = value
        }
        for row in media {
            byID[try row.string("product_id")]?.details.media.append(
                MediaReference(url: try row.string("url"), altText: try row.string("alt_text")))
        }
        for row in options {
            byID[try row.string("product_id")]?.optionTypes.append(try row.string("option_type"))
        }
        for row in channels {
            byID[try row.string("product_id")]?.channels.append(try row.string("channel"))
        }
        return keys.compactMap { byID[$0] }
    }

    static func product(from row: any SQLRow) throws -> Product {
        let status = try row.string("status")
        guard let status = ProductStatus(rawValue: status) else {
            throw PersistenceError.corruptRow(table: "catalog_products", detail: "status \(status)")
        }
        let details = ProductDetails(
            title: try row.string("title"), slug: try row.string("slug"), description: try row.string("description"),
            brand: try row.optionalString("brand"), categoryID: try row.optionalID("category_id", as: CategoryID.self),
            taxClass: try row.string("tax_class"), purchasableFrom: try row.optionalDate("purchasable_from"))
        return Product(
            id: try row.id("id", as: ProductID.self), details: details, status: status, optionTypes: [], channels: [],
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            publishedAt: try row.optionalDate("published_at"))
    }

    func productID(slug: String, on db: any SQLDatabase) async throws -> ProductID? {
        try await db.raw("SELECT id FROM catalog_products WHERE slug = \(bind: slug)")
            .first(decodingColumn: "id", as: String.self).flatMap(ProductID.init)
    }
}
