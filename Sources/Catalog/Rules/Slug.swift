import Foundation

/// URL slugs (`linen-shirt`) and machine codes (`size`, `extra_large`).
public enum Slug {
    /// A slug from a title: lower-case ASCII letters and digits joined by single hyphens, accents
    /// folded (`Crème Brûlée` → `creme-brulee`), at most 120 characters.
    public static func make(from text: String) -> String {
        words(of: text).joined(separator: "-").prefix(120).trimmingCharacters(in: ["-"])
    }

    /// A code from a name (`Extra Large` → `extra_large`), for option types, values and attributes.
    public static func code(from text: String) -> String {
        words(of: text).joined(separator: "_").prefix(50).trimmingCharacters(in: ["_"])
    }

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= 120 && slug.utf8.first != UInt8(ascii: "-")
            && slug.utf8.last != UInt8(ascii: "-") && !slug.contains("--")
            && slug.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Codes start with a letter and hold lower-case letters, digits, `_` and `-`, at most 50 characters.
    public static func isValidCode(_ code: String) -> Bool {
        guard let first = code.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return code.utf8.count <= 50
            && code.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Option value codes may also start with a digit (shoe size `42`).
    public static func isValidValueCode(_ code: String) -> Bool {
        !code.isEmpty && code.utf8.count <= 50 && code.utf8.first != UInt8(ascii: "_")
            && code.utf8.first != UInt8(ascii: "-")
            && code.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func words(of text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return folded.unicodeScalars
            .split { !($0.isASCII && isLowerAlphanumeric(UInt8($0.value))) }
            .map { String(String.UnicodeScalarView($0)) }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
