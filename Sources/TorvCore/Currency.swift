/// An ISO 4217 currency that Torv can price in.
///
/// Only codes in the active ISO 4217 list are accepted, so a typo such as `"EUD"` or a withdrawn code such as
/// `"HRK"` is refused at the boundary instead of reaching a ledger. The minor-unit exponent travels with the
/// code because every amount is stored in minor units: without it `1299` is meaningless (12.99 EUR, but
/// 1,299 JPY and 1.299 KWD).
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The uppercase three-letter ISO 4217 code, e.g. `"EUR"`.
    public let code: String
    /// How many decimal places a major unit has (EUR 2, JPY 0, KWD 3, CLF 4).
    public let minorUnitExponent: Int

    /// Looks a code up in the ISO 4217 table.
    ///
    /// The match is exact: `"eur"` and `" EUR"` are refused, because codes arrive from APIs and files where a
    /// silently "repaired" value would hide a client bug.
    public init?(code: String) {
        guard let exponent = Currency.iso4217[code] else { return nil }
        self.init(knownCode: code, minorUnitExponent: exponent)
    }

    /// For the table's own constants, which the tests check against the table.
    init(knownCode code: String, minorUnitExponent: Int) {
        self.code = code
        self.minorUnitExponent = minorUnitExponent
    }

    public var description: String { code }

    /// How many minor units make one major unit (100 for EUR, 1 for JPY, 1000 for KWD).
    public var minorUnitsPerMajorUnit: Int64 {
        var factor: Int64 = 1
        for _ in 0..<minorUnitExponent { factor *= 10 }
        return factor
    }

    /// Every currency Torv accepts, sorted by code; useful for API schemas and pickers.
    public static let all: [Currency] = iso4217.keys.sorted().compactMap { Currency(code: $0) }
}

extension Currency {
    public static let eur = Currency(knownCode: "EUR", minorUnitExponent: 2)
    public static let usd = Currency(knownCode: "USD", minorUnitExponent: 2)
    public static let gbp = Currency(knownCode: "GBP", minorUnitExponent: 2)
    public static let jpy = Currency(knownCode: "JPY", minorUnitExponent: 0)
    public static let sek = Currency(knownCode: "SEK", minorUnitExponent: 2)
    public static let nok = Currency(knownCode: "NOK", minorUnitExponent: 2)
    public static let dkk = Currency(knownCode: "DKK", minorUnitExponent: 2)
    public static let chf = Currency(knownCode: "CHF", minorUnitExponent: 2)
    public static let pln = Currency(knownCode: "PLN", minorUnitExponent: 2)
    public static let czk = Currency(knownCode: "CZK", minorUnitExponent: 2)
    public static let kwd = Currency(knownCode: "KWD", minorUnitExponent: 3)
}

/// Encoded as the bare code (`"EUR"`), the form every payment provider and the OpenAPI schema use.
extension Currency: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let currency = Currency(code: code) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\"\(code.prefix(16))\" is not an active ISO 4217 currency code."
            )
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
