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
