public import Foundation
public import TorvCore

public enum ScorecardRecordPrefix: IDPrefix { public static let prefix = "scard" }
/// One recorded scorecard evaluation.
public typealias ScorecardRecordID = TypedID<ScorecardRecordPrefix>

/// A scorecard evaluation as recorded: what the seller did in the window, the verdict, the warning in force,
/// and whether it suspended the seller.
public struct ScorecardRecord: Sendable, Hashable, Codable {
    public let id: ScorecardRecordID
    public let sellerID: SellerID
    public let evaluatedAt: Date
    public let windowDays: Int
    public let performance: SellerPerformance
    public let verdict: ScorecardVerdict
    public let suspended: Bool

    public init(
        id: ScorecardRecordID, sellerID: SellerID, evaluatedAt: Date, windowDays: Int,
        performance: SellerPerformance, verdict: ScorecardVerdict, suspended: Bool
    ) {
        self.id = id
        self.sellerID = sellerID
        self.evaluatedAt = evaluatedAt
        self.windowDays = windowDays
        self.performance = performance
        self.verdict = verdict
        self.suspended = suspended
    }
}
