public import Foundation

/// What a participant of a succeeded deal shows the merchant, who redeems it once before it expires.
///
/// One per participant (a unique key on `participant_id` in the store), so re-running settlement after a
/// crash can never hand out a second one.
public struct GroupDealVoucher: Sendable, Hashable, Codable {
    /// `XXXX-XXXX-XXXX` (``GroupDealVoucherCode``); unique across deals, by a unique key in the store.
    public var code: String
    public var dealID: GroupDealID
    public var participantID: GroupDealParticipantID
    public var issuedAt: Date
    public var expiresAt: Date
    public var redeemedAt: Date?

    public init(
        code: String, dealID: GroupDealID, participantID: GroupDealParticipantID, issuedAt: Date, expiresAt: Date,
        redeemedAt: Date? = nil
    ) {
        self.code = code
        self.dealID = dealID
        self.participantID = participantID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.redeemedAt = redeemedAt
    }
}
