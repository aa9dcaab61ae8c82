/// A rule of one promotion that overlaps or contradicts another's (or its own), reported when staff save it.
/// Conflicts are warnings for a person to decide on, not validation errors: the engine still behaves
/// deterministically.
public struct PromotionConflict: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Two exclusive promotions with the same priority can apply to the same cart; only their IDs decide.
        case exclusiveTie = "exclusive_tie"
        /// Two promotions give the same kind of discount on the same items under the same coupon requirement.
        case duplicate
        /// Every window of the promotion lies in the past.
        case windowPassed = "window_passed"
        /// Amounts of one promotion are in different currencies, so no cart can meet them all.
        case mixedCurrencies = "mixed_currencies"
    }

    public var kind: Kind
    public var promotionID: String
    public var otherPromotionID: String?
    public var message: String

    public init(kind: Kind, promotionID: String, otherPromotionID: String? = nil, message: String) {
        self.kind = kind
        self.promotionID = promotionID
        self.otherPromotionID = otherPromotionID
        self.message = message
    }

    public var code: String { kind.rawValue }
}
