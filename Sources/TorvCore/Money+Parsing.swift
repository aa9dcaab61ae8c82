extension Money {
    /// Reads a plain decimal amount such as `"12.99"` (1299 for EUR) or `"-0.5"` (-50).
    ///
    /// The grammar is deliberately narrow — `-?[0-9]+(\.[0-9]{1,e})?` with `e` the currency's exponent — because
    /// this is the format of CSV imports, admin forms and config files, where anything unusual is far more
    /// likely a mistake than intent. Refused with `.invalidAmount`: empty text, spaces, `+`, grouping
    /// separators, exponents, non-ASCII digits, a bare `.` or trailing `.`, more decimals than the currency
    /// has (never rounded away), and values outside `Int64` minor units.
    public static func parse(_ text: String, currency: Currency) throws(MoneyError) -> Money {
        let exponent = currency.minorUnitExponent
        var bytes = text.utf8[...]
        let isNegative = bytes.first == UInt8(ascii: "-")
        if isNegative { bytes = bytes.dropFirst() }

        var magnitude: UInt64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, integerDigits > 0 else { throw invalid(text, "is not a plain decimal number") }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw invalid(text, "is not a plain decimal number")
            }
            if seenPoint {
                fractionDigits += 1
                guard fractionDigits <= exponent else {
                    throw invalid(text, "has more than \(exponent) decimal places for \(currency.code)")
                }
            } else {
                integerDigits += 1
            }
            magnitude = try appendingDigit(byte, to: magnitude, text: text)
        }
        guard integerDigits > 0, !seenPoint || fractionDigits > 0 else {
            throw invalid(text, "is not a plain decimal number")
        }
        for _ in fractionDigits..<exponent {
            magnitude = try appendingDigit(UInt8(ascii: "0"), to: magnitude, text: text)
        }
        return Money(minorUnits: try signed(magnitude, negative: isNegative, text: text), currency: currency)
    }

    private static func appendingDigit(_ digit: UInt8, to value: UInt64, text: String) throws(MoneyError) -> UInt64 {
        let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
        let (result, overflowB) = shifted.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
        guard !overflowA, !overflowB else { throw invalid(text, "is too large") }
        return result
    }

    /// Accepts magnitudes up to 2^63 when negative, so `Int64.min` round-trips through ``decimalString``.
    private static func signed(_ magnitude: UInt64, negative: Bool, text: String) throws(MoneyError) -> Int64 {
        if negative {
            guard magnitude <= Int64.min.magnitude else { throw invalid(text, "is too large") }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard let value = Int64(exactly: magnitude) else { throw invalid(text, "is too large") }
        return value
    }

    /// Quotes at most 32 characters of the input: enough to recognise it, not enough to echo a payload.
    private static func invalid(_ text: String, _ reason: String) -> MoneyError {
        let shown = text.count > 32 ? String(text.prefix(32)) + "…" : text
        return .invalidAmount("\"\(shown)\" \(reason)")
    }
}
