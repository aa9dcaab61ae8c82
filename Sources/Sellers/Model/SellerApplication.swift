public import Foundation

/// What someone applying to sell hands in first; the rest of onboarding can follow.
public struct SellerApplication: Sendable, Hashable {
    public var displayName: String
    /// The storefront handle; made from the display name when not given.
    public var handle: String?
    public var kind: SellerKind
    public var onboarding: SellerOnboarding

    public init(displayName: String, handle: String? = nil, kind: SellerKind, onboarding: SellerOnboarding = .init()) {
        self.displayName = displayName
        self.handle = handle
        self.kind = kind
        self.onboarding = onboarding
    }
}

/// One entry of a seller's status history.
public struct SellerStatusChange: Sendable, Hashable, Codable {
    public let from: SellerStatus?
    public let to: SellerStatus
    public let reason: String?
    public let actorKind: String
    public let actorID: String
    public let changedAt: Date

    public init(
        from: SellerStatus?, to: SellerStatus, reason: String?, actorKind: String, actorID: String, changedAt: Date
    ) {
        self.from = from
        self.to = to
        self.reason = reason
        self.actorKind = actorKind
        self.actorID = actorID
        self.changedAt = changedAt
    }
}
