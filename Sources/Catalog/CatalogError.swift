public import Foundation
public import TorvCore

/// Why the catalog refused a request. Codes are stable: clients switch on them.
public enum CatalogError: DomainError, Equatable {
    case productNotFound
    case variantNotFound
    case categoryNotFound
    case priceListNotFound
    case channelNotFound(String)
    case taxClassNotFound(String)
    case optionTypeNotFound(String)
    case optionValueNotFound(optionType: String, value: String)
    case skuTaken(String)
    case slugTaken(String)
    case barcodeTaken(String)
    case categorySlugTaken(String)
    /// Two categories under one parent may not share a name: "Clothing > Shirts" must name one category.
    case categoryNameTaken(String)
    case optionTypeTaken(String)
    case channelTaken(String)
    case taxClassTaken(String)
    /// Moving a category under itself or one of its descendants would detach a loop from the tree.
    case categoryCycle
    /// A price must be in its price list's currency; amounts are never converted implicitly.
    case currencyMismatch(list: Currency, price: Currency)
    /// The variant's option values do not name exactly the product's option types.
    case variantOptionsMismatch(expected: [String])
    /// Another variant of the product has the same option values.
    case duplicateVariantOptions(String)
    /// An attribute code has one kind catalogue-wide, so facets and filters compare like with like.
    case attributeKindMismatch(code: String, expected: AttributeKind)
    case invalidStatusTransition(from: ProductStatus, to: ProductStatus)
    /// A product without a variant has nothing to sell, so it cannot be published.
    case productHasNoVariants
    case productNotPublished
    case notSoldInChannel(String)
    /// Visible, but its sale has not started (a launch teaser).
    case notYetPurchasable(from: Date)
    /// No price list of the channel and currency prices the variant for this quantity and customer.
    case noPrice
    case invalidCursor
    /// A CSV import with problems; nothing was written. Every problem is listed at once.
    case importRejected([ImportProblem])

    public var code: String {
        switch self {
        case .productNotFound: "product_not_found"
        case .variantNotFound: "variant_not_found"
        case .categoryNotFound: "category_not_found"
        case .priceListNotFound: "price_list_not_found"
        case .channelNotFound: "channel_not_found"
        case .taxClassNotFound: "tax_class_not_found"
        case .optionTypeNotFound: "option_type_not_found"
        case .optionValueNotFound: "option_value_not_found"
        case .skuTaken: "sku_taken"
        case .slugTaken: "slug_taken"
        case .barcodeTaken: "barcode_taken"
        case .categorySlugTaken: "category_slug_taken"
        case .categoryNameTaken: "category_name_taken"
        case .optionTypeTaken: "option_type_taken"
        case .channelTaken: "channel_taken"
        case .taxClassTaken: "tax_class_taken"
        case .categoryCycle: "category_cycle"
        case .currencyMismatch: "currency_mismatch"
        case .variantOptionsMismatch: "variant_options_mismatch"
        case .duplicateVariantOptions: "duplicate_variant_options"
        case .attributeKindMismatch: "attribute_kind_mismatch"
        case .invalidStatusTransition: "invalid_status_transition"
        case .productHasNoVariants: "product_has_no_variants"
        case .productNotPublished: "product_not_published"
        case .notSoldInChannel: "not_sold_in_channel"
        case .notYetPurchasable: "not_yet_purchasable"
        case .noPrice: "no_price"
        case .invalidCursor: "invalid_cursor"
        case .importRejected: "import_rejected"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .productNotFound, .variantNotFound, .categoryNotFound, .priceListNotFound: .notFound
        case .skuTaken, .slugTaken, .barcodeTaken, .categorySlugTaken, .categoryNameTaken, .optionTypeTaken,
            .channelTaken, .taxClassTaken, .duplicateVariantOptions:
            .conflict
        case .channelNotFound, .taxClassNotFound, .optionTypeNotFound, .optionValueNotFound, .invalidCursor,
            .importRejected, .variantOptionsMismatch:
            .invalid
        case .categoryCycle, .currencyMismatch, .attributeKindMismatch, .invalidStatusTransition,
            .productHasNoVariants, .productNotPublished, .notSoldInChannel, .notYetPurchasable, .noPrice:
            .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .productNotFound: "There is no such product."
        case .variantNotFound: "There is no such variant."
        case .categoryNotFound: "There is no such category."
        case .priceListNotFound: "There is no such price list."
        case .channelNotFound(let code): "There is no sales channel \(code)."
        case .taxClassNotFound(let code): "There is no tax class \(code)."
        case .optionTypeNotFound(let code): "There is no option type \(code)."
        case .optionValueNotFound(let type, let value): "The option type \(type) has no value \(value)."
        case .skuTaken(let sku): "The SKU \(sku) is in use already."
        case .slugTaken(let slug): "A product with the slug \(slug) exists already."
        case .barcodeTaken(let barcode): "The barcode \(barcode) is in use already."
        case .categorySlugTaken(let slug): "A category with the slug \(slug) exists already."
        case .categoryNameTaken(let name): "The parent category has a category named \(name) already."
        case .optionTypeTaken(let code): "An option type \(code) exists already."
        case .channelTaken(let code): "A sales channel \(code) exists already."
        case .taxClassTaken(let code): "A tax class \(code) exists already."
        case .categoryCycle: "A category cannot move under itself or one of its descendants."
        case .currencyMismatch(let list, let price): "The price list is in \(list.code), the price in \(price.code)."
        case .variantOptionsMismatch(let expected):
            expected.isEmpty
                ? "This product has no options, so its variant takes no option values."
                : "A variant needs exactly one value for each option: \(expected.joined(separator: ", "))."
        case .duplicateVariantOptions(let signature): "Another variant has the options \(signature) already."
        case .attributeKindMismatch(let code, let expected): "The attribute \(code) holds \(expected.rawValue) values."
        case .invalidStatusTransition(let from, let to): "A \(from.rawValue) product cannot become \(to.rawValue)."
        case .productHasNoVariants: "Add a variant before publishing the product."
        case .productNotPublished: "The product is not on sale."
        case .notSoldInChannel(let channel): "The product is not sold in the channel \(channel)."
        case .notYetPurchasable(let from): "The product can be bought from \(EventJSON.format(from))."
        case .noPrice: "The product has no price for this channel, currency and quantity."
        case .invalidCursor: "The page cursor is not valid for this listing."
        case .importRejected(let problems): "The import has \(problems.count) problem(s); nothing was imported."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .skuTaken: [FieldError(pointer: "/sku", message: "is in use already", code: code)]
        case .slugTaken, .categorySlugTaken: [FieldError(pointer: "/slug", message: "is in use already", code: code)]
        case .barcodeTaken: [FieldError(pointer: "/barcode", message: "is in use already", code: code)]
        case .categoryNameTaken: [FieldError(pointer: "/name", message: "is in use under this parent", code: code)]
        case .optionTypeTaken, .channelTaken, .taxClassTaken:
            [FieldError(pointer: "/code", message: "is in use already", code: code)]
        case .currencyMismatch(let list, _):
            [FieldError(pointer: "/price/currency", message: "must be \(list.code)", code: code)]
        case .taxClassNotFound: [FieldError(pointer: "/tax_class", message: "is not a tax class", code: code)]
        case .categoryNotFound: [FieldError(pointer: "/category_id", message: "is not a category", code: code)]
        case .channelNotFound: [FieldError(pointer: "/channel", message: "is not a sales channel", code: code)]
        case .categoryCycle: [FieldError(pointer: "/parent_id", message: "is the category or below it", code: code)]
        case .attributeKindMismatch(let attribute, let expected):
            [
                FieldError(
                    pointer: FieldError.pointer("attributes", attribute), message: "must be \(expected.rawValue)",
                    code: code)
            ]
        case .importRejected(let problems): problems.map(\.fieldError)
        default: []
        }
    }
}
