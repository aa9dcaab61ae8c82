public import Foundation
public import TorvCore

/// Where a payout stands: `scheduled` for the bank, then `paid` or `failed`; `held` when the seller could
/// not be paid in that run (suspended, closed, no payout account) — no money moved and nothing is owed less.
public enum SellerPayoutStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled, paid, failed, held
}

/// Money sent, or held back, for one seller in one payout run.
public struct SellerPayout: Sendable, Hashable {
    public let id: SellerPayoutID
    public let runID: PayoutRunID
    public let sellerID: SellerID
    public let amount: Money
    /// The payout account when the payout was made (a later change of account does not redirect it).
    public let iban: String?
    public let holder: String?
    public let status: SellerPayoutStatus
    /// Why the payout was held or failed.
    public let reason: String?
    public let createdAt: Date
    public let updatedAt: Date

    public init(
        id: SellerPayoutID, runID: PayoutRunID, sellerID: SellerID, amount: Money, iban: String?, holder: String?,
        status: SellerPayoutStatus, reason: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.runID = runID
        self.sellerID = sellerID
        self.amount = amount
        self.iban = iban
        self.holder = holder
        self.status = status
        self.reason = reason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One pass over every seller with money in one currency, paying each its available balance once it
/// reaches the minimum.
public struct SellerPayoutRun: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case running, finished
    }

    public let id: PayoutRunID
    /// The caller's key: starting a run with a key already used resumes or returns that run.
    public let key: String
    public let minimum: Money
    public let status: Status
    public let paidCount: Int
    public let paidTotal: Money
    /// Sellers who would have been paid but cannot be now (suspended, closed, no payout account).
    public let heldCount: Int
    public let heldTotal: Money
    /// Sellers whose balance waits for a later run: below the minimum, nothing available, or negative.
    public let carriedCount: Int
    public let startedBy: String
    public let startedAt: Date
    public let finishedAt: Date?

    public init(
        id: PayoutRunID, key: String, minimum: Money, status: Status, paidCount: Int, paidTotal: Money,
        heldCount: Int, heldTotal: Money, carriedCount: Int, startedBy: String, startedAt: Date, finishedAt: Date?
    ) {
        self.id = id
        self.key = key
        self.minimum = minimum
        self.status = status
        self.paidCount = paidCount
        self.paidTotal = paidTotal
        self.heldCount = heldCount
        self.heldTotal = heldTotal
        self.carriedCount = carriedCount
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
