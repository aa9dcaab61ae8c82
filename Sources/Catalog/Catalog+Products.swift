import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// Creates a draft product, optionally with its channels and first variants.
    public func createProduct(_ draft: NewProduct, by actor: AuditActor, on db: any SQLDatabase) async throws -> Product
    {
        try Self.check(draft)
        let id = try await insertProduct(draft, on: db)
        try await audit.record(
            "catalog.product_created", by: actor, target: ("product", id.rawValue),
            detail: ["slug": draft.details.slug, "variants": String(draft.variants.count)], on: db)
        return try await product(id, on: db)
    }

    /// Replaces a product's details (read the product, change `details`, write it back).
    public func updateProduct(
        _ id: ProductID, details: ProductDetails, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Product {
        var v = Validator()
        ProductRules.check(details, into: &v)
        try v.finish()
        let before = try await product(id, on: db)
        try await writeDetails(details, of: id, on: db)
        try await audit.record(
            "catalog.product_updated", by: actor, target: ("product", id.rawValue),
            detail: Self.changedFields(before.details, details), on: db)
        return try await product(id, on: db)
    }

    /// Makes the product available in exactly these channels.
    public func setChannels(
        _ channels: Set<String>, of id: ProductID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Product {
        let before = try await product(id, on: db)
        try await writeChannels(channels, of: id, on: db)
        try await audit.record(
            "catalog.product_channels_changed", by: actor, target: ("product", id.rawValue),
            detail: ["from": before.channels.joined(separator: ","), "to": channels.sorted().joined(separator: ",")],
            on: db)
        return try await product(id, on: db)
    }

    public func publishProduct(_ id: ProductID, by actor: AuditActor, on db: any SQLDatabase) async throws -> Product {
        try await changeStatus(of: id, to: .published, by: actor, on: db)
    }

    /// Takes a product off sale, back to draft.
    public func unpublishProduct(_ id: ProductID, by actor: AuditActor, on db: any SQLDatabase) async throws -> Product
    {
        try await changeStatus(of: id, to: .draft, by: actor, on: db)
    }

    public func archiveProduct(_ id: ProductID, by actor: AuditActor, on db: any SQLDatabase) async throws -> Product {
        try await changeStatus(of: id, to: .archived, by: actor, on: db)
    }

    public func product(_ id: ProductID, on db: any SQLDatabase) async throws -> Product {
        guard let found = try await loadProducts([id], on: db).first else { throw CatalogError.productNotFound }
        return found
    }

    public func product(slug: String, on db: any SQLDatabase) async throws -> Product {
        guard let id = try await productID(slug: slug, on: db) else { throw CatalogError.productNotFound }
        return try await product(id, on: db)
    }

    /// Every product in any status, oldest first, for the back office; `after` is the last ID seen.
    public func products(
        status: ProductStatus? = nil, after cursor: ProductID? = nil, limit: Int = 50, on db: any SQLDatabase
    ) async throws -> [Product] {
        let ids = try await db.raw(
            """
            SELECT id FROM catalog_products
            WHERE id > \(bind: cursor?.rawValue ?? "") AND (\(bind: status?.rawValue) IS NULL OR status = \(bind: status?.rawValue ?? ""))
            ORDER BY id LIMIT \(bind: min(max(limit, 1), Self.maximumPageSize))
            """
        ).all(decodingColumn: "id", as: String.self).compactMap(ProductID.init)
        return try await loadProducts(ids, on: db)
    }

    /// Moves a product through its life cycle with a guarded update, so two staff members changing the
    /// status at once cannot both succeed from the same starting point. Publishing appends
    /// `product.published`.
    func changeStatus(
        of id: ProductID, to next: ProductStatus, by actor: AuditActor?, on db: any SQLDatabase
    ) async throws -> Product {
        let current = try await product(id, on: db)
        guard current.status != next else { return current }
        guard current.status.canMove(to: next) else {
            throw CatalogError.invalidStatusTransition(from: current.status, to: next)
        }
        if next == .published {
            let count =
                try await db.raw("SELECT COUNT(*) AS n FROM catalog_variants WHERE product_id = \(bind: id.rawValue)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            guard count > 0 else { throw CatalogError.productHasNoVariants }
        }
        let now = self.now
        let moved = try await db.raw(
            """
            UPDATE catalog_products SET status = \(bind: next.rawValue), updated_at = \(bind: now.epochMicroseconds),
                published_at = \(bind: next == .published ? now.epochMicroseconds : current.publishedAt.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = \(bind: current.status.rawValue) RETURNING id
            """
        ).all()
        guard !moved.isEmpty else {
            let latest = try await product(id, on: db)
            throw CatalogError.invalidStatusTransition(from: latest.status, to: next)
        }
        if next == .published {
            try await outbox.append(
                ProductPublished(
                    productID: id, slug: current.slug, title: current.title, channels: current.channels,
                    purchasableFrom: current.details.purchasableFrom, publishedAt: now),
                on: db, requestID: actor?.requestID)
        }
        if let actor {
            try await audit.record(
                "catalog.product_status_changed", by: actor, target: ("product", id.rawValue),
                detail: ["from": current.status.rawValue, "to": next.rawValue], on: db)
        }
        return try await product(id, on: db)
    }

    static func check(_ draft: NewProduct) throws {
        var v = Validator()
        ProductRules.check(draft.details, into: &v)
        v.check(
            Set(draft.optionTypes).count == draft.optionTypes.count, "/option_types", "names an option type twice",
            code: "duplicate")
        v.check(draft.optionTypes.count <= 3, "/option_types", "may name at most 3 option types", code: "too_many")
        for (index, variant) in draft.variants.enumerated() {
            ProductRules.check(variant, at: "/variants/\(index)", into: &v)
        }
        let skus = draft.variants.map { SKU.key($0.sku) }
        v.check(Set(skus).count == skus.count, "/variants", "repeat a SKU", code: "duplicate")
        try v.finish()
    }

    /// Old and new values of the fields that changed, for the audit entry.
    static func changedFields(_ old: ProductDetails, _ new: ProductDetails) -> [String: String] {
        var changed: [String: String] = [:]
        func note(_ name: String, _ before: String, _ after: String) {
            if before != after { changed[name] = "\(before) → \(after)" }
        }
        note("title", old.title, new.title)
        note("slug", old.slug, new.slug)
        note("brand", old.brand ?? "", new.brand ?? "")
        note("category_id", old.categoryID?.rawValue ?? "", new.categoryID?.rawValue ?? "")
        note("tax_class", old.taxClass, new.taxClass)
        note(
            "purchasable_from", old.purchasableFrom.map(EventJSON.format) ?? "",
            new.purchasableFrom.map(EventJSON.format) ?? "")
        if old.description != new.description { changed["description"] = "changed" }
        if old.attributes != new.attributes { changed["attributes"] = "changed" }
        if old.media != new.media { changed["media"] = "changed" }
        return changed
    }
}
