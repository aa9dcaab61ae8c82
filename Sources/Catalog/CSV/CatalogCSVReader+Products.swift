import Foundation
import TorvCore

extension CatalogCSVReader {
    /// Turns a handle's rows into a product, checking the product columns with the same rules as the
    /// API (``ProductRules``) and pointing each problem at the column and line it came from.
    mutating func finish(_ rows: ProductRows) -> ImportedProduct {
        func line(_ column: String) -> Int { rows.lines[column] ?? rows.line }
        var status = ProductStatus.draft
        if let text = rows.values["status"] {
            if let parsed = ProductStatus(rawValue: text) {
                status = parsed
            } else {
                problem(line("status"), "status", "must be draft, published or archived", "invalid_status")
            }
        }
        var categoryPath: [String] = []
        if let text = rows.values["category"] {
            categoryPath = text.components(separatedBy: CatalogCSVLayout.categorySeparator)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if categoryPath.contains(where: { $0.isEmpty || $0.count > 100 }) {
                problem(
                    line("category"), "category", "must be names of 1 to 100 characters separated by >",
                    "invalid_category")
            }
        }
        var purchasableFrom: Date?
        if let text = rows.values["purchasable_from"] {
            purchasableFrom = EventJSON.parse(text)
            if purchasableFrom == nil {
                problem(
                    line("purchasable_from"), "purchasable_from", "must be a UTC time like 2026-03-01T09:00:00Z",
                    "invalid_time")
            }
        }
        var channels: Set<String> = []
        if let text = rows.values["channels"] {
            let codes = text.components(separatedBy: CatalogCSVLayout.channelSeparator).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if codes.contains(where: { !Slug.isValidCode($0) }) {
                problem(line("channels"), "channels", "must be channel codes separated by |", "invalid_code")
            }
            channels = Set(codes)
        }
        var attributes: [String: AttributeValue] = [:]
        for column in attributeColumns {
            guard let text = rows.values[column.header] else { continue }
            if let value = AttributeValue(parsing: text, as: column.kind) {
                attributes[column.code] = value
            } else {
                problem(
                    line(column.header), column.header, "must be a \(column.kind.rawValue) value", "invalid_attribute")
            }
        }
        let details = ProductDetails(
            title: rows.values["title"] ?? "", slug: rows.handle, description: rows.values["description"] ?? "",
            brand: rows.values["brand"], taxClass: rows.values["tax_class"] ?? "standard",
            purchasableFrom: purchasableFrom, attributes: attributes, media: rows.images.map(\.media))
        var validator = Validator()
        ProductRules.check(details, into: &validator)
        for error in validator.errors {
            let (column, at) = Self.column(for: error.pointer, rows: rows, attributes: attributeColumns)
            problem(at ?? line(column), column, error.message, error.code)
        }
        return ImportedProduct(
            handle: rows.handle, line: rows.line, details: details, categoryPath: categoryPath, status: status,
            channels: channels, optionNames: rows.optionNames ?? [], variants: rows.variants, lines: rows.lines)
    }

    /// The CSV column (and for images, the line) a ``ProductRules`` pointer refers to.
    static func column(
        for pointer: String, rows: ProductRows, attributes: [(header: String, code: String, kind: AttributeKind)]
    ) -> (column: String, line: Int?) {
        let tokens = pointer.split(separator: "/").map(String.init)
        switch tokens.first {
        case "slug": return ("handle", rows.line)
        case "attributes":
            let code = tokens.dropFirst().first ?? ""
            return (attributes.first { $0.code == code }?.header ?? "", nil)
        case "media":
            guard tokens.count >= 3, let index = Int(tokens[1]), index < rows.images.count else {
                return ("image_url", nil)
            }
            return (tokens[2] == "alt_text" ? "image_alt" : "image_url", rows.images[index].line)
        case let field?: return (field, nil)
        case nil: return ("", rows.line)
        }
    }
}
