public import TorvCore

/// One offer's place on the product page: its landed price, its score and every reason behind both, so the
/// seller console can show a seller exactly why another offer won.
public struct BuyBoxEntry: Sendable, Hashable {
    public var offerID: String
    /// Price + shipping for one unit.
    public var landedPrice: Money
    /// Lower wins. Minor units of the landed price after the adjustments ``BuyBox`` documents.
    public var score: Int64
    /// Whether the offer may win the buy box; ineligible offers are still listed as "other offers".
    public var eligible: Bool
    /// Why, in order: `"landed price 24.99 EUR"`, `"+2 % handling 4 days"`, `"not eligible: used"`.
    public var reasons: [String]

    public init(offerID: String, landedPrice: Money, score: Int64, eligible: Bool, reasons: [String]) {
        self.offerID = offerID
        self.landedPrice = landedPrice
        self.score = score
        self.eligible = eligible
        self.reasons = reasons
    }
}
