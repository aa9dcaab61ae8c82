/// GTIN barcodes (EAN-8, UPC-A, EAN-13, GTIN-14): digits with a mod-10 check digit (GS1 General
/// Specifications §7.9). A mistyped digit is caught here rather than at a marketplace feed.
public enum Barcode {
    public static func isValidGTIN(_ code: String) -> Bool {
        let digits = code.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        guard [8, 12, 13, 14].contains(digits.count), digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        return checkDigit(for: digits.dropLast()) == digits.last
    }

    /// The check digit for the digits before it: weights 3,1,3,1… from the right.
    public static func checkDigit(for digits: some BidirectionalCollection<Int>) -> Int {
        let sum = digits.reversed().enumerated().reduce(0) { sum, pair in
            sum + pair.element * (pair.offset.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }
}
