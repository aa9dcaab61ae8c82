import Foundation
import TorvCore

/// A product as read from an import file, before it is matched against the catalogue.
struct ImportedProduct: Sendable {
    var handle: String
    /// The first line of the handle.
    var line: Int
    var details: ProductDetails
    var categoryPath: [String]
    var status: ProductStatus
    var channels: Set<String>
    /// Option names in column order (`Size`, `Colour`).
    var optionNames: [String]
    var variants: [ImportedVariant]
    /// Where each product column got its value, so later problems point at the right line.
    var lines: [String: Int]

    func line(of column: String) -> Int { lines[column] ?? line }
}

struct ImportedVariant: Sendable {
    var sku: String
    var line: Int
    /// Option values in the product's option order.
    var optionValues: [String]
    var barcode: String?
    var weightGrams: Int?
    var prices: [ImportedPrice]
}

struct ImportedPrice: Sendable, Hashable {
    var channel: String
    var price: Money
    var line: Int
}
