extension DuplicateListing {
    /// The barcode as GTIN-14 (zero-padded on the left), or `nil` when it is not a valid EAN-8, UPC-A, EAN-13 or
    /// GTIN-14: wrong length, wrong check digit (GS1 General Specifications §7.9: weights 3, 1, 3 … from the
    /// right) or all zeros. Spaces and hyphens, as printed under barcodes, are ignored.
    ///
    /// Kept here rather than shared with the Catalog module, which this module may not import.
    static func normalisedGTIN(_ code: String) -> String? {
        let kept = code.filter { $0 != " " && $0 != "-" }
        let digits = kept.compactMap(\.wholeNumberValue)
        guard digits.count == kept.count, kept.allSatisfy(\.isASCII), [8, 12, 13, 14].contains(digits.count),
            digits.contains(where: { $0 != 0 })
        else { return nil }
        let sum = digits.dropLast().reversed().enumerated().reduce(0) { sum, pair in
            sum + pair.element * (pair.offset.isMultiple(of: 2) ? 3 : 1)
        }
        guard (10 - sum % 10) % 10 == digits.last else { return nil }
        return String(repeating: "0", count: 14 - digits.count) + kept
    }
}
