public import TorvCore

/// One cart line with the catalogue's current offer for it, looked up by Flows just before pricing.
public struct PricingLine: Sendable, Hashable, Codable {
    public var lineID: CartLineID
    public var variantID: String
    public var sku: String
    public var title: String
    /// The catalogue's price for one unit, in the cart's currency, gross or net as ``PricingInput/pricesIncludeTax`` says.
    public var unitPrice: Money
    public var quantity: Int
    public var taxClass: String
    public var weightGrams: Int?
    /// The marketplace seller whose offer the line buys; `nil` for the shop's own goods. A seller's line
    /// takes no shop discount: the seller did not agree to fund it, and the platform's fee is charged on
    /// what the buyer pays.
    public var sellerID: String?

    public init(
        lineID: CartLineID, variantID: String, sku: String, title: String, unitPrice: Money, quantity: Int,
        taxClass: String, weightGrams: Int? = nil, sellerID: String? = nil
    ) {
        self.sellerID = sellerID
        self.lineID = lineID
        self.variantID = variantID
        self.sku = sku
        self.title = title
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.taxClass = taxClass
        self.weightGrams = weightGrams
    }
}

/// Everything the pricing pipeline needs; it reads no database and no clock.
public struct PricingInput: Sendable {
    public var currency: Currency
    public var lines: [PricingLine]
    /// Where tax is owed: the shipping address's country, the pick-up location's, or the channel's default.
    public var destinationCountry: String?
    /// The chosen shipping option, already quoted for this cart; `nil` for pick-up or before a choice.
    public var shipping: ShippingOption?
    public var taxRates: TaxRateTable
    public var pricesIncludeTax: Bool
    public var shippingTaxClass: String
    /// Promotions and other discounts, applied in this order.
    public var adjusters: [any PriceAdjuster]
    /// What each marketplace seller charges to ship their part of the order, by seller ID; taxed like
    /// the shop's shipping and never discounted by the shop's promotions.
    public var sellerShipping: [SellerShippingCharge] = []

    public init(
        currency: Currency, lines: [PricingLine], destinationCountry: String? = nil, shipping: ShippingOption? = nil,
        taxRates: [TaxRate], pricesIncludeTax: Bool, shippingTaxClass: String = TaxSettings.default.shippingTaxClass,
        adjusters: [any PriceAdjuster] = []
    ) {
        self.currency = currency
        self.lines = lines
        self.destinationCountry = destinationCountry
        self.shipping = shipping
        self.taxRates = TaxRateTable(taxRates)
        self.pricesIncludeTax = pricesIncludeTax
        self.shippingTaxClass = shippingTaxClass
        self.adjusters = adjusters
    }

    /// Takes both tax switches from the shop's stored ``TaxSettings``.
    public init(
        currency: Currency, lines: [PricingLine], destinationCountry: String? = nil, shipping: ShippingOption? = nil,
        taxRates: [TaxRate], settings: TaxSettings, adjusters: [any PriceAdjuster] = []
    ) {
        self.init(
            currency: currency, lines: lines, destinationCountry: destinationCountry, shipping: shipping,
            taxRates: taxRates, pricesIncludeTax: settings.pricesIncludeTax,
            shippingTaxClass: settings.shippingTaxClass, adjusters: adjusters)
    }
}
