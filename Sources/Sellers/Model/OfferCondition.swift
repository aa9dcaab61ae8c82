/// The state of the item an offer sells. Only new items may win the buy box: a shopper who clicks "add to
/// cart" without choosing an offer expects a new item, so used and refurbished offers are listed as other
/// offers instead.
public enum OfferCondition: String, Sendable, Hashable, Codable, CaseIterable {
    case new
    case used
    case refurbished
}
