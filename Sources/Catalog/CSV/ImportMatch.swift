import Foundation
import Persistence
import SQLKit
import TorvCore

/// An imported product matched against the catalogue: what exists already, and the codes its
/// option names and values stand for.
struct PlannedProduct: Sendable {
    var product: ImportedProduct
    var existing: Product?
    var optionCodes: [String]
    /// Per variant, the value codes in option order.
    var valueCodes: [[String]]
    /// SKU key → the variant that has it already (of this product).
    var existingVariants: [String: VariantID]
}

extension Catalog {
    /// Checks an import against the catalogue without writing: unknown tax classes and channels, SKUs
    /// and barcodes of other products, attribute kinds, option and status changes the catalogue
    /// refuses. Every problem is collected.
    func match(
        _ products: [ImportedProduct], problems: inout [ImportProblem], on db: any SQLDatabase
    ) async throws -> [PlannedProduct] {
        func problem(_ line: Int, _ column: String, _ message: String, _ code: String) {
            problems.append(ImportProblem(line: line, column: column, message: message, code: code))
        }
        let taxClasses = Set(try await self.taxClasses(on: db).map(\.code))
        let channels = Set(try await self.channels(on: db).map(\.code))
        let optionTypes = try await self.optionTypes(on: db)
        let kinds = try await attributeKinds(Array(Set(products.flatMap(\.details.attributes.keys))), on: db)
        let existingIDs = try await inChunks(products.map(\.handle)) { chunk in
            try await db.raw("SELECT id FROM catalog_products WHERE slug IN (\(binds: chunk))")
                .all(decodingColumn: "id", as: String.self).compactMap(ProductID.init)
        }
        let existing = Dictionary(
            try await loadProducts(existingIDs, on: db).map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        let variantCounts = try await inChunks(existingIDs.map(\.rawValue)) { chunk in
            try await db.raw(
                "SELECT product_id, COUNT(*) AS n FROM catalog_variants WHERE product_id IN (\(binds: chunk)) GROUP BY product_id"
            ).all().map { (try $0.string("product_id"), try $0.int("n")) }
        }
        let productsWithVariants = Set(variantCounts.filter { $0.1 > 0 }.map(\.0))
        let variants = products.flatMap(\.variants)
        let held = try await inChunks(variants.map { SKU.key($0.sku) }) { chunk in
            try await db.raw(
                "SELECT id, product_id, sku_key, option_signature FROM catalog_variants WHERE sku_key IN (\(binds: chunk))"
            ).all().map { row in
                (
                    key: try row.string("sku_key"), id: try row.id("id", as: VariantID.self),
                    product: try row.string("product_id"), signature: try row.string("option_signature")
                )
            }
        }
        let heldBySKU = Dictionary(held.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let barcodes = try await inChunks(variants.compactMap(\.barcode)) { chunk in
            try await db.raw("SELECT sku, sku_key, barcode FROM catalog_variants WHERE barcode IN (\(binds: chunk))")
                .all()
                .map { (barcode: try $0.string("barcode"), key: try $0.string("sku_key"), sku: try $0.string("sku")) }
        }
        let barcodeHolders = Dictionary(barcodes.map { ($0.barcode, $0) }, uniquingKeysWith: { first, _ in first })
        var barcodesInFile: [String: ImportedVariant] = [:]

        var planned: [PlannedProduct] = []
        for product in products {
            let current = existing[product.handle]
            if !taxClasses.contains(product.details.taxClass) {
                problem(product.line(of: "tax_class"), "tax_class", "is not a tax class", "tax_class_not_found")
            }
            for channel in product.channels.sorted() where !channels.contains(channel) {
                problem(
                    product.line(of: "channels"), "channels", "names the unknown channel \(channel)",
                    "channel_not_found")
            }
            for (code, value) in product.details.attributes.sorted(by: { $0.key < $1.key }) {
                if let kind = kinds[code], kind != value.kind {
                    let column = CatalogCSVLayout.attributeColumn(code, value.kind)
                    problem(
                        product.line(of: column), column, "holds \(kind.rawValue) values in the catalogue",
                        "attribute_kind_mismatch")
                }
            }
            let optionCodes = product.optionNames.map { Self.optionCode(for: $0, in: optionTypes) }
            if let current, current.optionTypes != optionCodes, !(product.variants.isEmpty && optionCodes.isEmpty) {
                let names = current.optionTypes.isEmpty ? "no options" : current.optionTypes.joined(separator: ", ")
                problem(
                    product.variants.first?.line ?? product.line, "option1_name",
                    "must be \(names) as in the catalogue", "inconsistent_options")
            }
            if let current, product.status != current.status, !current.status.canMove(to: product.status) {
                problem(
                    product.line(of: "status"), "status",
                    "a \(current.status.rawValue) product cannot become \(product.status.rawValue)",
                    "invalid_status_transition")
            }
            let hasVariants = !product.variants.isEmpty || productsWithVariants.contains(current?.id.rawValue ?? "")
            if product.status == .published, !hasVariants {
                problem(
                    product.line(of: "status"), "status", "needs a variant to be published", "product_has_no_variants")
            }
            var valueCodes: [[String]] = []
            var existingVariants: [String: VariantID] = [:]
            for variant in product.variants {
                let codes = zip(optionCodes, variant.optionValues).map { code, value in
                    Self.valueCode(for: value, in: optionTypes.first { $0.code == code })
                }
                valueCodes.append(codes)
                for price in variant.prices where !channels.contains(price.channel) {
                    problem(price.line, "channel", "is not a sales channel", "channel_not_found")
                }
                let key = SKU.key(variant.sku)
                if let holder = heldBySKU[key] {
                    if holder.product != current?.id.rawValue {
                        problem(variant.line, "sku", "belongs to another product", "sku_taken")
                    } else {
                        existingVariants[key] = holder.id
                        let signature = VariantMatrix.signature(
                            of: zip(optionCodes, codes).map { OptionChoice($0, $1) })
                        if signature != holder.signature {
                            problem(
                                variant.line, "option1_value",
                                "differs from the catalogue; a variant's options cannot change",
                                "variant_options_changed")
                        }
                    }
                }
                if let barcode = variant.barcode {
                    if let holder = barcodeHolders[barcode], holder.key != key {
                        problem(variant.line, "barcode", "is the barcode of \(holder.sku)", "barcode_taken")
                    } else if let twin = barcodesInFile[barcode], SKU.key(twin.sku) != key {
                        problem(
                            variant.line, "barcode", "repeats the barcode of \(twin.sku) on line \(twin.line)",
                            "barcode_taken")
                    }
                    barcodesInFile[barcode] = barcodesInFile[barcode] ?? variant
                }
            }
            planned.append(
                PlannedProduct(
                    product: product, existing: current, optionCodes: optionCodes, valueCodes: valueCodes,
                    existingVariants: existingVariants))
        }
        return planned
    }

    /// An option name means the option type of that name (ignoring case), else the one whose code
    /// the name spells, else a new one with that code.
    static func optionCode(for name: String, in types: [OptionType]) -> String {
        if let type = types.first(where: { $0.name.lowercased() == name.lowercased() }) { return type.code }
        let code = Slug.code(from: name)
        return Slug.isValidCode(code) ? code : "option_" + code
    }

    static func valueCode(for name: String, in type: OptionType?) -> String {
        type?.values.first(where: { $0.name.lowercased() == name.lowercased() })?.code ?? Slug.code(from: name)
    }
}
