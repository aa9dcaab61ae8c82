import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Catalog {
    /// Imports a catalogue CSV (see the DocC article for the columns): products are matched by
    /// handle (slug), variants by SKU; new ones are created, existing ones updated. Categories (by
    /// path), option types and values, and base price lists are created as needed.
    ///
    /// A dry run reads and checks the whole file against the catalogue and reports every problem
    /// with its line and column, writing nothing. A real import with any problem throws
    /// ``CatalogError/importRejected(_:)`` before writing; otherwise it applies every row on `db`,
    /// which must be a transaction, so a failure part-way leaves nothing behind either.
    public func importCatalog(
        csv text: String, dryRun: Bool = false, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> ImportReport {
        let (products, readProblems, rows) = CatalogCSVReader.read(text)
        var problems = readProblems
        let planned = try await match(products, problems: &problems, on: db)
        var report = ImportReport(dryRun: dryRun)
        report.rows = rows
        for plan in planned {
            if plan.existing == nil { report.productsCreated += 1 } else { report.productsUpdated += 1 }
            report.variantsUpdated += plan.existingVariants.count
            report.variantsCreated += plan.product.variants.count - plan.existingVariants.count
            if dryRun { report.prices += plan.product.variants.reduce(0) { $0 + $1.prices.count } }
        }
        let sorted = problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        if dryRun {
            report.problems = sorted
            return report
        }
        guard sorted.isEmpty else { throw CatalogError.importRejected(sorted) }
        for plan in planned {
            do {
                report.prices += try await apply(plan, requestID: actor.requestID, on: db)
            } catch let error as CatalogError {
                // A conflict the checks could not foresee (a concurrent writer): still all or nothing.
                throw CatalogError.importRejected([
                    ImportProblem(line: plan.product.line, column: "", message: error.message, code: error.code)
                ])
            }
        }
        try await audit.record(
            "catalog.imported", by: actor,
            detail: [
                "products_created": String(report.productsCreated), "products_updated": String(report.productsUpdated),
                "variants_created": String(report.variantsCreated), "variants_updated": String(report.variantsUpdated),
                "prices_changed": String(report.prices),
            ], on: db)
        return report
    }

    /// Writes one planned product; returns how many prices changed.
    private func apply(_ plan: PlannedProduct, requestID: String?, on db: any SQLDatabase) async throws -> Int {
        let imported = plan.product
        var details = imported.details
        details.categoryID = try await ensureCategoryPath(imported.categoryPath, on: db)
        try await ensureOptions(plan, on: db)
        let id: ProductID
        if let existing = plan.existing {
            id = existing.id
            try await writeDetails(details, of: id, on: db)
            try await writeChannels(imported.channels, of: id, on: db)
        } else {
            id = try await insertProduct(
                NewProduct(details, optionTypes: plan.optionCodes, channels: imported.channels), on: db)
        }
        var changed = 0
        for (variant, values) in zip(imported.variants, plan.valueCodes) {
            let variantID: VariantID
            if let known = plan.existingVariants[SKU.key(variant.sku)] {
                variantID = known
                try await writeVariantDetails(
                    VariantDetails(sku: variant.sku, barcode: variant.barcode, weightGrams: variant.weightGrams),
                    of: known, on: db)
            } else {
                let draft = NewVariant(
                    sku: variant.sku, options: Dictionary(uniqueKeysWithValues: zip(plan.optionCodes, values)),
                    barcode: variant.barcode, weightGrams: variant.weightGrams)
                variantID = try await insertVariant(draft, productID: id, optionTypes: plan.optionCodes, on: db).id
            }
            for price in variant.prices {
                let list = try await ensureBasePriceList(channel: price.channel, currency: price.price.currency, on: db)
                let change = try await changePrice(
                    of: variantID, in: list.list, fromQuantity: 1, to: price.price, requestID: requestID, on: db)
                if change != nil { changed += 1 }
            }
        }
        let status = plan.existing?.status ?? .draft
        if imported.status != status { _ = try await changeStatus(of: id, to: imported.status, by: nil, on: db) }
        return changed
    }

    /// Finds or creates the categories of a path (`["Clothing", "Shirts"]`) by name under each parent.
    private func ensureCategoryPath(_ path: [String], on db: any SQLDatabase) async throws -> CategoryID? {
        var parent: CategoryID?
        for (depth, name) in path.enumerated() {
            let scope: SQLQueryString =
                "COALESCE(parent_id, '') = \(bind: parent?.rawValue ?? "") AND name = \(bind: name)"
            if let found = try await db.raw("SELECT id FROM catalog_categories WHERE " + scope)
                .first(decodingColumn: "id", as: String.self).flatMap(CategoryID.init)
            {
                parent = found
                continue
            }
            // The name's slug, else the whole path's ("kids-shirts" beside "shirts"), else numbered.
            let base = Slug.make(from: name)
            let candidates =
                [base, Slug.make(from: path[...depth].joined(separator: " "))]
                + (2...20).map { "\(base)-\($0)" }
            let id = CategoryID.generate(ids, at: now)
            var created = false
            for slug in candidates where Slug.isValid(slug) && !created {
                created = try await !db.raw(
                    """
                    INSERT INTO catalog_categories (id, parent_id, name, slug, position, created_at)
                    SELECT \(bind: id.rawValue), \(bind: parent?.rawValue), \(bind: name), \(bind: slug), COUNT(*),
                           \(bind: now.epochMicroseconds)
                    FROM catalog_categories WHERE COALESCE(parent_id, '') = \(bind: parent?.rawValue ?? "")
                    ON CONFLICT DO NOTHING RETURNING id
                    """
                ).all().isEmpty
            }
            guard created else { throw CatalogError.categorySlugTaken(base) }
            parent = id
        }
        return parent
    }

    /// Creates the option types and values an import names that the catalogue lacks.
    private func ensureOptions(_ plan: PlannedProduct, on db: any SQLDatabase) async throws {
        for (position, code) in plan.optionCodes.enumerated() {
            try await db.raw(
                """
                INSERT INTO catalog_option_types (code, name, created_at)
                VALUES (\(bind: code), \(bind: plan.product.optionNames[position]), \(bind: now.epochMicroseconds))
                ON CONFLICT DO NOTHING
                """
            ).run()
            for (variant, values) in zip(plan.product.variants, plan.valueCodes) {
                try await db.raw(
                    """
                    INSERT INTO catalog_option_values (option_type, code, name, position)
                    SELECT \(bind: code), \(bind: values[position]), \(bind: variant.optionValues[position]),
                           COALESCE(MAX(position), -1) + 1
                    FROM catalog_option_values WHERE option_type = \(bind: code)
                    ON CONFLICT DO NOTHING
                    """
                ).run()
            }
        }
    }
}
