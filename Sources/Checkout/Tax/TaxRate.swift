import Foundation
import TorvCore

/// The rate of one tax class in one destination country, in basis points: 2000 is 20 %, 700 is 7 %,
/// 0 a zero-rated class. Integers keep every tax computation exact until its single rounding.
public struct TaxRate: Sendable, Hashable, Codable {
    public var country: String
    /// The catalogue's tax class (`standard`, `reduced`, `books`…), as Catalog names it.
    public var taxClass: String
    public var basisPoints: Int

    public init(country: String, taxClass: String, basisPoints: Int) {
        self.country = country
        self.taxClass = taxClass
        self.basisPoints = basisPoints
    }

    /// 100 %: no consumption tax is higher, and the cap keeps `gross × rate` far from overflow.
    public static let maximumBasisPoints = 10_000

    func validate() throws(ValidationError) {
        var validator = Validator()
        validator.checkCountry(country, at: "/country")
        validator.requireText(taxClass, at: "/tax_class", maximum: 64)
        if taxClass != taxClass.trimmingCharacters(in: .whitespacesAndNewlines) {
            validator.add(CheckoutError.invalidTaxRate("must not start or end with white space"), at: "/tax_class")
        }
        if !(0...Self.maximumBasisPoints).contains(basisPoints) {
            validator.add(
                CheckoutError.invalidTaxRate("must be between 0 and \(Self.maximumBasisPoints) basis points"),
                at: "/basis_points")
        }
        try validator.finish()
    }
}

/// Shop-wide tax settings.
public struct TaxSettings: Sendable, Hashable, Codable {
    /// Whether catalogue prices already contain tax (usual for consumer shops in the EU) or have it
    /// added at checkout (usual in the US and for B2B).
    public var pricesIncludeTax: Bool
    /// The tax class shipping is taxed at.
    public var shippingTaxClass: String

    public init(pricesIncludeTax: Bool, shippingTaxClass: String) {
        self.pricesIncludeTax = pricesIncludeTax
        self.shippingTaxClass = shippingTaxClass
    }

    /// Until staff set them: tax-inclusive prices, shipping at the `standard` class.
    public static let `default` = TaxSettings(pricesIncludeTax: true, shippingTaxClass: "standard")
}

/// Tax rates looked up by destination and class; a missing one is an error, never 0 %.
public struct TaxRateTable: Sendable, Hashable {
    let rates: [String: [String: Int]]

    public init(_ rates: [TaxRate]) {
        var table: [String: [String: Int]] = [:]
        for rate in rates { table[rate.country, default: [:]][rate.taxClass] = rate.basisPoints }
        self.rates = table
    }

    /// The rate in basis points, or `tax_rate_missing` naming the country (if known) and class.
    public func basisPoints(country: String?, taxClass: String) throws(CheckoutError) -> Int {
        guard let country, let rate = rates[country]?[taxClass] else {
            throw .taxRateMissing(country: country, taxClass: taxClass)
        }
        return rate
    }
}
