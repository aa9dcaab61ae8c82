public import TorvCore

/// One part of an applied promotion: `amount` (positive) off one line or off the shipping.
public struct PromotionDiscount: Sendable, Hashable, Codable {
    public enum Target: Sendable, Hashable, Codable {
        case line(String)
        case shipping
    }

    public var target: Target
    public var amount: Money

    public init(target: Target, amount: Money) {
        self.target = target
        self.amount = amount
    }
}
