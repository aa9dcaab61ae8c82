public import Foundation
public import TorvCore

/// Someone applied to sell on the marketplace (`seller.applied`).
public struct SellerApplied: DomainEvent, Hashable {
    public static let eventType = "seller.applied"
    public let sellerID: SellerID
    public let kind: SellerKind
    public let displayName: String
}

/// A seller moved through its lifecycle (`seller.status_changed`): approved sellers can trade, suspended
/// and closed ones cannot.
public struct SellerStatusChanged: DomainEvent, Hashable {
    public static let eventType = "seller.status_changed"
    public let sellerID: SellerID
    public let from: SellerStatus
    public let to: SellerStatus
    public let reason: String?
}

/// The daily scorecard warned a seller (`seller.scorecard_warned`): the seller is told which metrics crossed
/// which limits, and when the grace period before a suspension ends.
public struct SellerScorecardWarned: DomainEvent, Hashable {
    public static let eventType = "seller.scorecard_warned"
    public let sellerID: SellerID
    public let warnedAt: Date
    public let reasons: [String]
}
