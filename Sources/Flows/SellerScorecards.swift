public import Foundation
import Orders
public import Persistence
import Reviews
import SQLKit
public import Sellers
public import TorvCore

/// A seller's scorecard as they and the operator see it: the window's measures, today's verdict, and the
/// verdicts recorded before.
public struct SellerScorecardView: Sendable, Hashable {
    public var sellerID: SellerID
    public var windowDays: Int
    public var performance: SellerPerformance
    public var verdict: ScorecardVerdict
    public var history: [ScorecardRecord]
}

/// What one evaluation did.
public struct ScorecardOutcome: Sendable, Hashable {
    public var sellerID: SellerID
    public var verdict: ScorecardVerdict
    /// False when today's evaluation was recorded already (the job ran twice).
    public var recorded: Bool
    public var suspended: Bool
}

/// Seller scorecards from real data: sub-orders placed, shipped on time or late, cancelled and returned
/// (Orders), published seller reviews (Reviews) and answers to trust-and-safety cases (Sellers), judged by
/// ``SellerScorecard`` under ``ScorecardThresholds/marketplaceDefault``. A daily job records each approved
/// seller's verdict, warns, and suspends through the seller lifecycle only when the rule says so: a warning
/// still in force and past its grace period.
public enum SellerScorecards {
    public static let thresholds = ScorecardThresholds.marketplaceDefault
    static let actor = AuditActor(kind: "system", id: "scorecard")

    /// The seller's measures over the `windowDays` before `now`.
    static func performance(
        of seller: Seller, windowDays: Int, now: Date, on platform: Platform, db: any SQLDatabase
    ) async throws -> SellerPerformance {
        let since = now.addingTimeInterval(-TimeInterval(windowDays) * 86_400)
        let records = try await platform.orders.subOrderRecords(
            ofSeller: seller.id.rawValue, placedFrom: since, until: now, on: db)
        let ratings = try await platform.reviews.ratings(ofSellers: [seller.id.rawValue], since: since, on: db)
        let responses = try await platform.sellers.caseResponses(of: seller.id, openedFrom: since, until: now, on: db)
        return tally(
            records, handlingDays: seller.profile.handlingDays, ratings: ratings[seller.id.rawValue] ?? .empty,
            caseResponses: responses, now: now)
    }

    /// Today's scorecard, computed now and not recorded, with the history of recorded verdicts.
    public static func current(_ sellerID: SellerID, on platform: Platform) async throws -> SellerScorecardView {
        let now = platform.clock.now()
        let windowDays = Sellers.scorecardWindowDays
        return try await platform.database.read { db in
            let seller = try await platform.sellers.seller(sellerID, on: db)
            let measured = try await Self.performance(
                of: seller, windowDays: windowDays, now: now, on: platform, db: db)
            let history = try await platform.sellers.scorecards(of: sellerID, limit: 30, on: db)
            let verdict = SellerScorecard(measured).verdict(
                under: thresholds, warnedAt: history.first?.verdict.warnedAt, now: now)
            return SellerScorecardView(
                sellerID: sellerID, windowDays: windowDays, performance: measured, verdict: verdict,
                history: history)
        }
    }

    /// Evaluates one approved seller, records the verdict once for the day, and suspends them when it says
    /// so, naming the metrics. Sellers who are not approved are left alone (nil).
    @discardableResult
    public static func evaluate(_ sellerID: SellerID, on platform: Platform) async throws -> ScorecardOutcome? {
        let now = platform.clock.now()
        let windowDays = Sellers.scorecardWindowDays
        return try await platform.database.inTransaction { db in
            let seller = try await platform.sellers.seller(sellerID, on: db)
            guard seller.status == .approved else { return nil }
            let measured = try await Self.performance(
                of: seller, windowDays: windowDays, now: now, on: platform, db: db)
            let previous = try await platform.sellers.scorecards(of: sellerID, limit: 1, on: db).first
            let verdict = SellerScorecard(measured).verdict(
                under: thresholds, warnedAt: previous?.verdict.warnedAt, now: now)
            let suspends = verdict.standing == .suspend
            let recorded = try await platform.sellers.recordScorecard(
                verdict, performance: measured, of: sellerID, windowDays: windowDays, suspended: suspends,
                requestID: nil, on: db)
            if recorded && suspends {
                _ = try await platform.sellers.transition(
                    sellerID, to: .suspended, reason: suspensionReason(verdict), as: .operator, by: Self.actor,
                    requestID: nil, on: db)
            }
            return ScorecardOutcome(
                sellerID: sellerID, verdict: verdict, recorded: recorded, suspended: recorded && suspends)
        }
    }

    /// Evaluates every approved seller, each in its own transaction, so one seller's failure does not stop
    /// the others; the failures are counted and the first is rethrown at the end.
    @discardableResult
    public static func evaluateAll(on platform: Platform) async throws -> [ScorecardOutcome] {
        var outcomes: [ScorecardOutcome] = []
        var firstFailure: (any Error)?
        var cursor: SellerID?
        while true {
            let after = cursor
            let page = try await platform.database.read { db in
                try await platform.sellers.sellers(status: .approved, after: after, limit: 100, on: db)
            }
            for seller in page {
                do {
                    if let outcome = try await evaluate(seller.id, on: platform) { outcomes.append(outcome) }
                } catch {
                    firstFailure = firstFailure ?? error
                }
            }
            guard page.count == 100, let last = page.last else { break }
            cursor = last.id
        }
        if let firstFailure { throw firstFailure }
        return outcomes
    }

    /// "Scorecard: on time shipment 40 % is below the suspension limit of 90 % (20 shipments)".
    static func suspensionReason(_ verdict: ScorecardVerdict) -> String {
        let named = verdict.reasons.filter { $0.standing == .suspend }.map(\.message)
        return "Scorecard: " + (named.isEmpty ? verdict.reasons.map(\.message) : named).joined(separator: "; ")
    }
}
