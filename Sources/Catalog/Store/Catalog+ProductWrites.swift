import Foundation
import Persistence
import SQLKit
import TorvCore

extension Catalog {
    /// Inserts a product with its attributes, media, options, channels and variants; input is validated
    /// by the caller. A taken slug is reported as ``CatalogError/slugTaken(_:)``.
    func insertProduct(_ draft: NewProduct, on db: any SQLDatabase) async throws -> ProductID {
        let details = draft.details
        try await requireReferences(of: details, on: db)
        try await requireChannels(draft.channels, on: db)
        let known = try await optionTypes(codes: draft.optionTypes, on: db).map(\.code)
        if let missing = draft.optionTypes.first(where: { !known.contains($0) }) {
            throw CatalogError.optionTypeNotFound(missing)
        }
        let now = self.now
        let id = ProductID.generate(ids, at: now)
        let inserted = try await db.raw(
            """
            INSERT INTO catalog_products (id, slug, title, description, brand, category_id, tax_class, status,
                                          purchasable_from, search_text, created_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: details.slug), \(bind: Self.trimmed(details.title)),
                    \(bind: details.description), \(bind: details.brand), \(bind: details.categoryID?.rawValue),
                    \(bind: details.taxClass), 'draft', \(bind: details.purchasableFrom.epochMicroseconds),
                    \(bind: ProductRules.searchText(details)), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw CatalogError.slugTaken(details.slug) }
        try await writeAttributes(details.attributes, of: id, on: db)
        try await writeMedia(details.media, of: id, on: db)
        for (position, optionType) in draft.optionTypes.enumerated() {
            try await db.raw(
                """
                INSERT INTO catalog_product_options (product_id, option_type, position)
                VALUES (\(bind: id.rawValue), \(bind: optionType), \(bind: position))
                """
            ).run()
        }
        try await writeChannels(draft.channels, of: id, on: db)
        for variant in draft.variants {
            _ = try await insertVariant(variant, productID: id, optionTypes: draft.optionTypes, on: db)
        }
        return id
    }

    /// Replaces a product's details; the slug's uniqueness is checked behind a savepoint.
    func writeDetails(_ details: ProductDetails, of id: ProductID, on db: any SQLDatabase) async throws {
        try await requireReferences(of: details, on: db)
        try await uniqueWrite(on: db) {
            try await db.raw(
                """
                UPDATE catalog_products SET slug = \(bind: details.slug), title = \(bind: Self.trimmed(details.title)),
                    description = \(bind: details.description), brand = \(bind: details.brand),
                    category_id = \(bind: details.categoryID?.rawValue), tax_class = \(bind: details.taxClass),
                    purchasable_from = \(bind: details.purchasableFrom.epochMicroseconds),
                    search_text = \(bind: ProductRules.searchText(details)), updated_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id.rawValue)
                """
            ).run()
        } conflict: {
            try await productID(slug: details.slug, on: db).flatMap {
                $0 == id ? nil : CatalogError.slugTaken(details.slug)
            }
        }
        try await writeAttributes(details.attributes, of: id, on: db)
        try await writeMedia(details.media, of: id, on: db)
    }

    func writeChannels(_ channels: Set<String>, of id: ProductID, on db: any SQLDatabase) async throws {
        try await requireChannels(channels, on: db)
        try await db.raw("DELETE FROM catalog_product_channels WHERE product_id = \(bind: id.rawValue)").run()
        for channel in channels.sorted() {
            try await db.raw(
                "INSERT INTO catalog_product_channels (product_id, channel) VALUES (\(bind: id.rawValue), \(bind: channel))"
            ).run()
        }
    }

    /// Attribute codes are defined on first use with the value's kind; a later value of another kind
    /// is refused, so every facet compares like with like.
    private func writeAttributes(
        _ attributes: [String: AttributeValue], of id: ProductID, on db: any SQLDatabase
    )
        async throws
    {
        let codes = attributes.keys.sorted()
        for code in codes {
            try await db.raw(
                """
                INSERT INTO catalog_attributes (code, kind, created_at)
                VALUES (\(bind: code), \(bind: attributes[code]!.kind.rawValue), \(bind: now.epochMicroseconds))
                ON CONFLICT DO NOTHING
                """
            ).run()
        }
        let kinds = try await attributeKinds(codes, on: db)
        for code in codes where kinds[code] != attributes[code]!.kind {
            throw CatalogError.attributeKindMismatch(code: code, expected: kinds[code] ?? .text)
        }
        try await db.raw("DELETE FROM catalog_product_attributes WHERE product_id = \(bind: id.rawValue)").run()
        for code in codes {
            try await db.raw(
                """
                INSERT INTO catalog_product_attributes (product_id, code, value)
                VALUES (\(bind: id.rawValue), \(bind: code), \(bind: attributes[code]!.canonical))
                """
            ).run()
        }
    }

    func attributeKinds(_ codes: [String], on db: any SQLDatabase) async throws -> [String: AttributeKind] {
        guard !codes.isEmpty else { return [:] }
        var kinds: [String: AttributeKind] = [:]
        for row in try await db.raw("SELECT code, kind FROM catalog_attributes WHERE code IN (\(binds: codes))").all() {
            kinds[try row.string("code")] = AttributeKind(rawValue: try row.string("kind"))
        }
        return kinds
    }

    private func writeMedia(_ media: [MediaReference], of id: ProductID, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM catalog_product_media WHERE product_id = \(bind: id.rawValue)").run()
        for (position, item) in media.enumerated() {
            try await db.raw(
                """
                INSERT INTO catalog_product_media (product_id, position, url, alt_text)
                VALUES (\(bind: id.rawValue), \(bind: position), \(bind: item.url), \(bind: item.altText))
                """
            ).run()
        }
    }

    private func requireReferences(of details: ProductDetails, on db: any SQLDatabase) async throws {
        try await requireTaxClass(details.taxClass, on: db)
        if let category = details.categoryID { _ = try await self.category(category, on: db) }
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
