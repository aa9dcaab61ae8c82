public import Foundation
public import TorvCore

/// A payout run scheduled money for a seller's bank (`seller.payout_scheduled`). The ledger books it as
/// Dr seller payables / Cr bank; the seller's account already shows the matching `payout` movement.
public struct SellerPayoutScheduled: DomainEvent, Hashable {
    public static let eventType = "seller.payout_scheduled"
    public let payoutID: SellerPayoutID
    public let sellerID: SellerID
    public let runID: PayoutRunID
    public let amount: Money
}

/// A scheduled payout came back from the bank (`seller.payout_failed`); its amount is credited to the
/// seller again by an `adjustment`, so the next run pays it.
public struct SellerPayoutFailed: DomainEvent, Hashable {
    public static let eventType = "seller.payout_failed"
    public let payoutID: SellerPayoutID
    public let sellerID: SellerID
    public let amount: Money
    public let reason: String
}
