public import Foundation
public import TorvCore

public enum GroupDealParticipantPrefix: IDPrefix { public static let prefix = "gdpart" }
/// One shopper's place in one group deal.
public typealias GroupDealParticipantID = TypedID<GroupDealParticipantPrefix>

/// Where a participant's payment stands. Each settlement action moves a participant one step, and the store
/// records the step before the planner is asked again, which is what makes settlement resumable.
///
///     joined ──capture ok──▶ captured ──refund──▶ refunded       (refunded only if the deal fails)
///        │ └──capture failed──▶ captureFailed ──void──▶ voided
///        ├──void (deal failed)──────────────────────▶ voided
///        └──leave (before tipping)──▶ left
public enum GroupDealParticipantState: String, Sendable, Hashable, Codable, CaseIterable {
    /// In the deal with an authorisation held, nothing charged yet.
    case joined
    /// Left before the deal tipped; the flow that took the leave released the authorisation.
    case left
    case captured
    /// The capture was declined (expired or withdrawn authorisation). Never retried: a second attempt could
    /// charge after the deal was decided without this participant. Voided next to release any hold left.
    case captureFailed
    case voided
    case refunded

    /// Whether the participant counts towards the deal: everyone who joined and did not leave, whatever
    /// happened to their payment since, so the tier reached at the deadline stays fixed during settlement.
    public var isIn: Bool { self != .left }
}

/// A shopper who joined a group deal by authorising its price.
///
/// The amount authorised is the tier price at the moment of joining × quantity. Because leaving is refused
/// once a deal has tipped, and only the first tier may start at or below the tipping point, the number of
/// participants can only fall while every one of them stands at the first (highest) tier price; after
/// tipping it only rises. So the final price is never above any participant's join price, and every capture
/// fits inside its authorisation, while the hold on the shopper's card matches the price they were shown.
public struct GroupDealParticipant: Sendable, Hashable, Codable, Identifiable {
    public var id: GroupDealParticipantID
    public var dealID: GroupDealID
    public var customerID: String
    /// Initials only ("A. L."), snapshotted at joining for the public log; never a name or an email.
    public var displayName: String
    public var quantity: Int
    /// The tier price when they joined, which is what they saw and authorised.
    public var unitPrice: Money
    public var authorisedAmount: Money
    /// The payment module's authorisation this participant's capture, void or refund act on.
    public var paymentID: String
    public var joinedAt: Date
    public var state: GroupDealParticipantState
    public var leftAt: Date?
    /// Set when the capture succeeds, so a refund gives back exactly what was taken.
    public var capturedAmount: Money?

    public init(
        id: GroupDealParticipantID, dealID: GroupDealID, customerID: String, displayName: String, quantity: Int,
        unitPrice: Money, authorisedAmount: Money, paymentID: String, joinedAt: Date,
        state: GroupDealParticipantState = .joined, leftAt: Date? = nil, capturedAmount: Money? = nil
    ) {
        self.id = id
        self.dealID = dealID
        self.customerID = customerID
        self.displayName = displayName
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.authorisedAmount = authorisedAmount
        self.paymentID = paymentID
        self.joinedAt = joinedAt
        self.state = state
        self.leftAt = leftAt
        self.capturedAmount = capturedAmount
    }
}

extension [GroupDealParticipant] {
    /// How many joined and did not leave: the count the tiers, the tipping point and the limit apply to.
    public var countIn: Int { count { $0.state.isIn } }
}
