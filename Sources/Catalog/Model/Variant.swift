public import Foundation

/// One option value chosen for one option type, both by code (`size` = `m`).
public struct OptionChoice: Sendable, Hashable, Codable {
    public var optionType: String
    public var value: String

    public init(_ optionType: String, _ value: String) {
        self.optionType = optionType
        self.value = value
    }
}

/// A sellable unit of a product: one SKU, one combination of option values.
public struct Variant: Sendable, Hashable, Codable {
    public let id: VariantID
    public let productID: ProductID
    /// Unique across the catalogue, ignoring case, so `tee-m` cannot sit beside `TEE-M` in a warehouse.
    public var sku: String
    /// In the product's option order.
    public var options: [OptionChoice]
    /// A GTIN (EAN-13, UPC-A, EAN-8, GTIN-14) with a valid check digit, unique when present.
    public var barcode: String?
    public var weightGrams: Int?
    public var position: Int
    public let createdAt: Date
}

/// What staff supply to add a variant to a product.
public struct NewVariant: Sendable, Hashable {
    public var sku: String
    /// Option type code → value code; exactly the product's option types.
    public var options: [String: String]
    public var barcode: String?
    public var weightGrams: Int?

    public init(sku: String, options: [String: String] = [:], barcode: String? = nil, weightGrams: Int? = nil) {
        self.sku = sku
        self.options = options
        self.barcode = barcode
        self.weightGrams = weightGrams
    }
}

/// The editable facts of a variant; its options are fixed once created (orders refer to them).
public struct VariantDetails: Sendable, Hashable {
    public var sku: String
    public var barcode: String?
    public var weightGrams: Int?

    public init(sku: String, barcode: String? = nil, weightGrams: Int? = nil) {
        self.sku = sku
        self.barcode = barcode
        self.weightGrams = weightGrams
    }
}
