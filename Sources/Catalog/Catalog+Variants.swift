import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// Adds a variant (a SKU) to a product. The SKU is unique across the catalogue ignoring case;
    /// two concurrent creations of one SKU leave exactly one, the other gets `sku_taken`.
    public func addVariant(
        _ draft: NewVariant, to productID: ProductID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Variant {
        var v = Validator()
        ProductRules.check(draft, at: "", into: &v)
        try v.finish()
        let product = try await product(productID, on: db)
        let variant = try await insertVariant(draft, productID: productID, optionTypes: product.optionTypes, on: db)
        try await audit.record(
            "catalog.variant_created", by: actor, target: ("variant", variant.id.rawValue),
            detail: ["sku": variant.sku, "product_id": productID.rawValue], on: db)
        return variant
    }

    /// Creates the missing variants of a product from option values: every combination (see
    /// ``VariantMatrix``) that no variant has yet, with SKUs `<skuBase>-<VALUE>-<VALUE>`.
    public func generateVariants(
        for productID: ProductID, values: [String: [String]], skuBase: String, weightGrams: Int? = nil,
        by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> [Variant] {
        let product = try await product(productID, on: db)
        guard Set(values.keys) == Set(product.optionTypes) else {
            throw CatalogError.variantOptionsMismatch(expected: product.optionTypes)
        }
        let axes = product.optionTypes.map { VariantMatrix.Axis($0, values[$0] ?? []) }
        let existing = Set(try await variants(of: productID, on: db).map { VariantMatrix.signature(of: $0.options) })
        var created: [Variant] = []
        for choices in VariantMatrix.combinations(axes) where !existing.contains(VariantMatrix.signature(of: choices)) {
            let draft = NewVariant(
                sku: VariantMatrix.sku(base: skuBase, for: choices),
                options: Dictionary(uniqueKeysWithValues: choices.map { ($0.optionType, $0.value) }),
                weightGrams: weightGrams)
            var v = Validator()
            ProductRules.check(draft, at: "", into: &v)
            try v.finish()
            created.append(
                try await insertVariant(draft, productID: productID, optionTypes: product.optionTypes, on: db))
        }
        try await audit.record(
            "catalog.variants_generated", by: actor, target: ("product", productID.rawValue),
            detail: ["skus": created.map(\.sku).joined(separator: ",")], on: db)
        return created
    }

    /// Changes a variant's SKU, barcode or weight; uniqueness is checked as on creation.
    public func updateVariant(
        _ id: VariantID, _ details: VariantDetails, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Variant {
        var v = Validator()
        ProductRules.check(details, at: "", into: &v)
        try v.finish()
        let before = try await variant(id, on: db)
        try await writeVariantDetails(details, of: id, on: db)
        try await audit.record(
            "catalog.variant_updated", by: actor, target: ("variant", id.rawValue),
            detail: ["sku": "\(before.sku) → \(details.sku)", "barcode": details.barcode ?? ""], on: db)
        return try await variant(id, on: db)
    }

    public func variant(_ id: VariantID, on db: any SQLDatabase) async throws -> Variant {
        guard let found = try await loadVariants(where: "v.id = \(bind: id.rawValue)", on: db).first else {
            throw CatalogError.variantNotFound
        }
        return found
    }

    /// The variant with this SKU, ignoring case.
    public func variant(sku: String, on db: any SQLDatabase) async throws -> Variant {
        guard let found = try await loadVariants(where: "v.sku_key = \(bind: SKU.key(sku))", on: db).first else {
            throw CatalogError.variantNotFound
        }
        return found
    }

    public func variants(of productID: ProductID, on db: any SQLDatabase) async throws -> [Variant] {
        try await loadVariants(where: "v.product_id = \(bind: productID.rawValue)", on: db)
    }

    func writeVariantDetails(_ details: VariantDetails, of id: VariantID, on db: any SQLDatabase) async throws {
        try await uniqueWrite(on: db) {
            try await db.raw(
                """
                UPDATE catalog_variants SET sku = \(bind: details.sku), sku_key = \(bind: SKU.key(details.sku)),
                    barcode = \(bind: details.barcode), weight_grams = \(bind: details.weightGrams),
                    updated_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id.rawValue)
                """
            ).run()
        } conflict: {
            try await variantConflict(sku: details.sku, barcode: details.barcode, signature: nil, except: id, on: db)
        }
    }

    /// Inserts a variant whose fields are valid; the options must name exactly `optionTypes`.
    func insertVariant(
        _ draft: NewVariant, productID: ProductID, optionTypes: [String], on db: any SQLDatabase
    ) async throws -> Variant {
        guard Set(draft.options.keys) == Set(optionTypes) else {
            throw CatalogError.variantOptionsMismatch(expected: optionTypes)
        }
        let types = try await self.optionTypes(codes: optionTypes, on: db)
        for type in optionTypes {
            let value = draft.options[type]!
            guard types.first(where: { $0.code == type })?.value(value) != nil else {
                throw CatalogError.optionValueNotFound(optionType: type, value: value)
            }
        }
        let choices = optionTypes.map { OptionChoice($0, draft.options[$0]!) }
        let signature = VariantMatrix.signature(of: choices)
        let now = self.now
        let id = VariantID.generate(ids, at: now)
        // In INSERT … SELECT, PostgreSQL types a NULL parameter as text; hence the CAST of the weight.
        let inserted = try await db.raw(
            """
            INSERT INTO catalog_variants (id, product_id, sku, sku_key, option_signature, barcode, weight_grams,
                                          position, created_at, updated_at)
            SELECT \(bind: id.rawValue), \(bind: productID.rawValue), \(bind: draft.sku), \(bind: SKU.key(draft.sku)),
                   \(bind: signature), \(bind: draft.barcode), CAST(\(bind: draft.weightGrams) AS BIGINT), COUNT(*),
                   \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds)
            FROM catalog_variants WHERE product_id = \(bind: productID.rawValue)
            ON CONFLICT DO NOTHING RETURNING position
            """
        ).first(decodingColumn: "position", as: Int64.self)
        guard let position = inserted else {
            throw try await variantConflict(
                sku: draft.sku, barcode: draft.barcode, signature: (productID, signature), except: id, on: db)
                ?? CatalogError.skuTaken(draft.sku)
        }
        for choice in choices {
            try await db.raw(
                """
                INSERT INTO catalog_variant_options (variant_id, product_id, option_type, value)
                VALUES (\(bind: id.rawValue), \(bind: productID.rawValue), \(bind: choice.optionType), \(bind: choice.value))
                """
            ).run()
        }
        return Variant(
            id: id, productID: productID, sku: draft.sku, options: choices, barcode: draft.barcode,
            weightGrams: draft.weightGrams, position: Int(position), createdAt: now)
    }

    /// Which unique key a refused variant write hit, read after the competing write committed.
    private func variantConflict(
        sku: String, barcode: String?, signature: (ProductID, String)?, except id: VariantID, on db: any SQLDatabase
    ) async throws -> CatalogError? {
        let holder = try await db.raw(
            "SELECT id FROM catalog_variants WHERE sku_key = \(bind: SKU.key(sku)) AND id <> \(bind: id.rawValue)"
        ).first()
        if holder != nil { return .skuTaken(sku) }
        if let barcode,
            try await db.raw(
                "SELECT id FROM catalog_variants WHERE barcode = \(bind: barcode) AND id <> \(bind: id.rawValue)"
            )
            .first() != nil
        {
            return .barcodeTaken(barcode)
        }
        if let (product, signature) = signature,
            try await db.raw(
                """
                SELECT id FROM catalog_variants
                WHERE product_id = \(bind: product.rawValue) AND option_signature = \(bind: signature) AND id <> \(bind: id.rawValue)
                """
            ).first() != nil
        {
            return .duplicateVariantOptions(signature)
        }
        return nil
    }

    func loadVariants(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [Variant] {
        let rows = try await db.raw(
            """
            SELECT v.id, v.product_id, v.sku, v.barcode, v.weight_grams, v.position, v.created_at,
                   vo.option_type, vo.value
            FROM catalog_variants v
            LEFT JOIN catalog_variant_options vo ON vo.variant_id = v.id
            LEFT JOIN catalog_product_options po ON po.product_id = v.product_id AND po.option_type = vo.option_type
            WHERE
            """ + " " + condition + " ORDER BY v.product_id, v.position, v.id, po.position"
        ).all()
        var variants: [Variant] = []
        for row in rows {
            let id = try row.id("id", as: VariantID.self)
            if variants.last?.id != id {
                variants.append(
                    Variant(
                        id: id, productID: try row.id("product_id", as: ProductID.self), sku: try row.string("sku"),
                        options: [], barcode: try row.optionalString("barcode"),
                        weightGrams: try row.optionalInt("weight_grams"), position: try row.int("position"),
                        createdAt: try row.date("created_at")))
            }
            if let type = try row.optionalString("option_type") {
                variants[variants.count - 1].options.append(OptionChoice(type, try row.string("value")))
            }
        }
        return variants
    }
}
