public import Foundation
public import TorvCore

/// Where a place in a group deal stands in the store: the participant states of the domain, plus the two a
/// join passes through while its card is asked (`authorising`) and ends in when the card says no (`rejected`).
public enum GroupDealSeatStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The join's authorisation is with the provider; the place is held (it counts towards the maximum).
    case authorising
    /// The authorisation was declined: the place was given back and the shopper is not in the deal.
    case rejected
    case joined
    case left
    case captured
    case captureFailed = "capture_failed"
    case voided
    case refunded

    /// The domain state, for the planner and the public log; `nil` while authorising or once rejected.
    public var participantState: GroupDealParticipantState? {
        switch self {
        case .authorising, .rejected: nil
        case .joined: .joined
        case .left: .left
        case .captured: .captured
        case .captureFailed: .captureFailed
        case .voided: .voided
        case .refunded: .refunded
        }
    }

    init(_ state: GroupDealParticipantState) {
        switch state {
        case .joined: self = .joined
        case .left: self = .left
        case .captured: self = .captured
        case .captureFailed: self = .captureFailed
        case .voided: self = .voided
        case .refunded: self = .refunded
        }
    }
}

/// A payment step of settlement, claimed on the seat before the provider is called.
public enum GroupDealPaymentStep: String, Sendable, Hashable, Codable {
    case capture
    case void
    case refund
}

/// One place in a group deal as stored: the participant, its number (the invite link's `invited_by`) and the
/// settlement step in flight on it, if any.
public struct GroupDealSeat: Sendable, Hashable {
    public var participant: GroupDealParticipant
    public var status: GroupDealSeatStatus
    /// How many were in, this one included, when it joined.
    public var number: Int
    public var step: GroupDealPaymentStep?
    /// The payment attempt the step started; a run that finds the step abandoned performs it again.
    public var stepAttemptID: String?
    public var stepClaimedAt: Date?
}

/// A deal with its seats and vouchers, read in one snapshot: what settlement and the pages need.
public struct GroupDealSnapshot: Sendable, Hashable {
    public var deal: GroupDeal
    public var seats: [GroupDealSeat]
    public var vouchers: [GroupDealVoucher]

    /// The participants the domain rules see: everyone whose card said yes.
    public var participants: [GroupDealParticipant] {
        seats.compactMap { seat in
            guard let state = seat.status.participantState else { return nil }
            var participant = seat.participant
            participant.state = state
            return participant
        }
    }

    public var log: [GroupDealLogEntry] { GroupDealLog.entries(for: deal, participants: participants) }
}
