import Catalog
import TorvCore

/// A catalogue refusal pointed at the field of this request that caused it. The catalogue reports
/// what it refused (`option_value_not_found` for size `xxl`); only the handler knows where in its
/// body that value sits, so the code and message stay the catalogue's and the pointer is added here.
struct CatalogFieldError: DomainError {
    let error: CatalogError
    let pointer: String
    let kind: ErrorKind

    init(_ error: CatalogError, at pointer: String, kind: ErrorKind? = nil) {
        self.error = error
        self.pointer = pointer
        self.kind = kind ?? (error.kind == .notFound ? .invalid : error.kind)
    }

    var code: String { error.code }
    var message: String { error.message }
    var fieldErrors: [FieldError] { [FieldError(pointer: pointer, message: error.message, code: error.code)] }
}

extension CatalogError {
    /// This error pointed into a new product's body, where the body names the refused value.
    func pointed(in draft: NewProduct, channels: [String]) -> any Error {
        switch self {
        case .optionTypeNotFound(let code):
            return at(draft.optionTypes.firstIndex(of: code).map { "/option_types/\($0)" })
        case .channelNotFound(let code):
            return at(channels.firstIndex(of: code).map { "/channels/\($0)" })
        case .categoryNotFound:
            return CatalogFieldError(self, at: "/category_id")
        case .optionValueNotFound(let type, let value):
            let index = draft.variants.firstIndex { $0.options[type] == value }
            return at(index.map { FieldError.pointer("variants", String($0), "options", type) })
        case .variantOptionsMismatch:
            let index = draft.variants.firstIndex { Set($0.options.keys) != Set(draft.optionTypes) }
            return at(index.map { "/variants/\($0)/options" })
        case .skuTaken(let sku):
            return at(
                draft.variants.firstIndex { $0.sku.lowercased() == sku.lowercased() }.map { "/variants/\($0)/sku" })
        case .barcodeTaken(let barcode):
            return at(draft.variants.firstIndex { $0.barcode == barcode }.map { "/variants/\($0)/barcode" })
        default:
            return self
        }
    }

    /// This error pointed into one variant's body (`/options/<type>`, `/sku`).
    func pointed(inVariantAt base: String) -> any Error {
        switch self {
        case .optionValueNotFound(let type, _): return at(base + FieldError.pointer("options", type))
        case .variantOptionsMismatch: return at(base + "/options")
        default: return self
        }
    }

    /// The error at `pointer`, or unchanged when the body does not hold the refused value.
    func at(_ pointer: String?) -> any Error {
        guard let pointer else { return self }
        return CatalogFieldError(self, at: pointer)
    }
}
