/// The catalogue CSV's columns. One row per variant and price; product columns are read from any
/// row of the handle (blank means "as on the other rows"), so exports write them on the first row
/// only. Rows without a SKU carry product columns or extra images only.
enum CatalogCSVLayout {
    static let productColumns = [
        "handle", "title", "description", "brand", "status", "category", "tax_class", "purchasable_from", "channels",
    ]
    static let variantColumns = [
        "option1_name", "option1_value", "option2_name", "option2_value", "option3_name", "option3_value", "sku",
        "barcode", "weight_grams",
    ]
    static let priceColumns = ["channel", "currency", "price"]
    static let imageColumns = ["image_url", "image_alt"]
    static let fixedColumns = productColumns + variantColumns + priceColumns + imageColumns
    static let required = ["handle", "title"]

    /// Separates category path segments: `Clothing > Shirts`.
    static let categorySeparator = ">"
    /// Separates channel codes in `channels`: `web|app`.
    static let channelSeparator = "|"

    /// A typed attribute column, `attribute:<code>:<kind>` (`attribute:material:text`): the kind is in
    /// the header so a file read into an empty catalogue types its attributes as the export did.
    static func attributeColumn(_ code: String, _ kind: AttributeKind) -> String {
        "attribute:\(code):\(kind.rawValue)"
    }

    static func attribute(from header: String) -> (code: String, kind: AttributeKind)? {
        let parts = header.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "attribute", Slug.isValidCode(String(parts[1])),
            let kind = AttributeKind(rawValue: String(parts[2]))
        else { return nil }
        return (String(parts[1]), kind)
    }
}
