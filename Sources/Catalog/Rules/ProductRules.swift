import Foundation
import TorvCore

/// Field rules for staff input, reported all at once through a `Validator`.
enum ProductRules {
    static let maximumMedia = 50

    static func check(_ details: ProductDetails, at base: String = "", into v: inout Validator) {
        let title = details.title.trimmingCharacters(in: .whitespacesAndNewlines)
        v.check(!title.isEmpty, base + "/title", "must not be empty", code: "required")
        v.check(title.count <= 200, base + "/title", "must be at most 200 characters", code: "too_long")
        v.check(
            Slug.isValid(details.slug), base + "/slug", "must be lower-case letters, digits and single hyphens",
            code: "invalid_slug")
        v.check(
            details.description.count <= 20_000, base + "/description", "must be at most 20000 characters",
            code: "too_long")
        if let brand = details.brand {
            v.check(
                !brand.trimmingCharacters(in: .whitespaces).isEmpty && brand.count <= 100, base + "/brand",
                "must be 1 to 100 characters", code: "invalid_brand")
        }
        v.check(
            Slug.isValidCode(details.taxClass), base + "/tax_class", "must be a tax class code", code: "invalid_code")
        for (code, value) in details.attributes {
            let pointer = base + FieldError.pointer("attributes", code)
            v.check(
                Slug.isValidCode(code), pointer, "is not an attribute code (lower-case letters, digits, _)",
                code: "invalid_code")
            if case .text(let text) = value {
                v.check(
                    !text.isEmpty && text.count <= 500, pointer, "must be 1 to 500 characters",
                    code: "invalid_attribute")
            }
        }
        v.check(
            details.media.count <= maximumMedia, base + "/media", "must hold at most \(maximumMedia) items",
            code: "too_many")
        for (index, media) in details.media.enumerated() {
            let pointer = base + "/media/\(index)"
            v.check(
                isWebURL(media.url), pointer + "/url", "must be an http(s) URL or a path on this shop",
                code: "invalid_url")
            v.check(
                media.altText.count <= 300, pointer + "/alt_text", "must be at most 300 characters", code: "too_long")
        }
    }

    static func check(_ variant: NewVariant, at base: String, into v: inout Validator) {
        check(
            VariantDetails(sku: variant.sku, barcode: variant.barcode, weightGrams: variant.weightGrams), at: base,
            into: &v)
    }

    static func check(_ variant: VariantDetails, at base: String, into v: inout Validator) {
        v.check(
            SKU.isValid(variant.sku), base + "/sku", "must be 1 to 64 printable characters without spaces",
            code: "invalid_sku")
        if let barcode = variant.barcode {
            v.check(
                Barcode.isValidGTIN(barcode), base + "/barcode", "must be a GTIN with a valid check digit",
                code: "invalid_barcode")
        }
        if let weight = variant.weightGrams {
            v.check(
                weight >= 0 && weight <= 10_000_000, base + "/weight_grams", "must be 0 to 10000000",
                code: "out_of_range")
        }
    }

    /// Absolute http(s) URLs with a host, at most 2000 characters (what browsers and CDNs accept).
    /// An absolute http(s) URL, or a path on this shop's own host (`/media/…`), which survives a move
    /// to another domain. A protocol-relative `//host/…` is not a path.
    static func isWebURL(_ text: String) -> Bool {
        if text.hasPrefix("/") && !text.hasPrefix("//") {
            return text.count <= 2000 && URL(string: text) != nil && !text.contains("\\")
        }
        guard text.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    /// The text search matches against, folded here once (case and accents) so both backends compare
    /// alike: SQLite's `lower()` folds only ASCII, and `crème` should find `Crème` and `creme`.
    static func searchText(_ details: ProductDetails) -> String {
        folded([details.title, details.brand ?? "", details.description].joined(separator: "\n"))
    }

    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
