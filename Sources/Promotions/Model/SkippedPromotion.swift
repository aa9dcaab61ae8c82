/// A promotion that did not apply, and why, so the storefront can tell the shopper what to do about it.
public struct SkippedPromotion: Sendable, Hashable, Codable {
    public var promotionID: String
    public var label: String
    public var reason: SkipReason

    public init(promotionID: String, label: String, reason: SkipReason) {
        self.promotionID = promotionID
        self.label = label
        self.reason = reason
    }
}
