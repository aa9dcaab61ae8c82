import Foundation
import Persistence
public import SQLKit
import TorvCore

extension Catalog {
    /// The whole catalogue as CSV, in the format ``importCatalog(csv:dryRun:by:on:)`` reads: importing
    /// it into an empty catalogue and exporting again gives the same text.
    ///
    /// It carries products, variants, categories (as paths), options (by name), attributes, media,
    /// channels and the channels' base prices for single units. Other price lists, quantity tiers and
    /// the price history are not part of the format.
    public func exportCatalog(on db: any SQLDatabase) async throws -> String {
        let ids = try await db.raw("SELECT id FROM catalog_products ORDER BY slug")
            .all(decodingColumn: "id", as: String.self).compactMap(ProductID.init)
        let products = try await loadProducts(ids, on: db)
        let categories = try await self.categories(on: db)
        let optionTypes = Dictionary(
            try await self.optionTypes(on: db).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let variants = Dictionary(grouping: try await loadVariants(where: "1 = 1", on: db), by: \.productID)
        var prices: [VariantID: [(channel: String, price: Money)]] = [:]
        for row in try await db.raw(
            """
            SELECT p.variant_id, l.channel, l.currency, p.amount FROM catalog_prices p
            JOIN catalog_price_lists l ON l.id = p.price_list_id
            WHERE l.is_base = 1 AND p.min_quantity = 1 ORDER BY p.variant_id, l.channel, l.currency
            """
        ).all() {
            prices[try row.id("variant_id", as: VariantID.self), default: []].append(
                (
                    try row.string("channel"),
                    Money(
                        minorUnits: try row.decode(column: "amount", as: Int64.self),
                        currency: try row.currency("currency"))
                ))
        }
        let kinds = try await attributeKinds(Array(Set(products.flatMap(\.details.attributes.keys))), on: db)
        let attributeColumns = kinds.keys.sorted().map { ($0, CatalogCSVLayout.attributeColumn($0, kinds[$0]!)) }
        let header = CatalogCSVLayout.fixedColumns + attributeColumns.map(\.1)

        var lines: [[String]] = [header]
        for product in products {
            var rows: [[String: String]] = []
            for variant in variants[product.id] ?? [] {
                var cells = [
                    "sku": variant.sku, "barcode": variant.barcode ?? "",
                    "weight_grams": variant.weightGrams.map(String.init) ?? "",
                ]
                for (index, choice) in variant.options.enumerated() {
                    let type = optionTypes[choice.optionType]
                    cells["option\(index + 1)_name"] = type?.name ?? choice.optionType
                    cells["option\(index + 1)_value"] = type?.value(choice.value)?.name ?? choice.value
                }
                let variantPrices = prices[variant.id] ?? []
                if variantPrices.isEmpty { rows.append(cells) }
                for entry in variantPrices {
                    rows.append(
                        cells.merging(
                            [
                                "channel": entry.channel, "currency": entry.price.currency.code,
                                "price": entry.price.decimalString,
                            ],
                            uniquingKeysWith: { $1 }))
                }
            }
            if rows.isEmpty { rows.append([:]) }
            rows[0].merge(
                productCells(product, categories: categories, attributes: attributeColumns), uniquingKeysWith: { $1 })
            for (index, media) in product.details.media.enumerated() {
                if index >= rows.count { rows.append([:]) }
                rows[index]["image_url"] = media.url
                rows[index]["image_alt"] = media.altText
            }
            lines += rows.map { row in header.map { $0 == "handle" ? product.slug : row[$0] ?? "" } }
        }
        return CSV.render(lines)
    }

    private func productCells(
        _ product: Product, categories: [Category], attributes: [(code: String, column: String)]
    ) -> [String: String] {
        let details = product.details
        var cells = [
            "title": details.title, "description": details.description, "brand": details.brand ?? "",
            "status": product.status.rawValue, "tax_class": details.taxClass,
            "category": details.categoryID.map {
                CategoryTree.path(of: $0, in: categories).joined(separator: " \(CatalogCSVLayout.categorySeparator) ")
            } ?? "",
            "purchasable_from": details.purchasableFrom.map(EventJSON.format) ?? "",
            "channels": product.channels.joined(separator: CatalogCSVLayout.channelSeparator),
        ]
        for (code, column) in attributes { cells[column] = details.attributes[code]?.canonical ?? "" }
        return cells
    }
}
