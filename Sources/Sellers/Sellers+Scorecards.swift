public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// The scorecard's memory: each day's verdict per seller, the warning in force, and the case answers the
/// response-time metric is measured from. The verdict itself is ``SellerScorecard``'s pure rule.
extension Sellers {
    /// The recurring job that evaluates every approved seller once a day.
    public static let scorecardJob = "sellers.scorecards"
    /// The scorecard looks back this far.
    public static let scorecardWindowDays = 90

    /// Records an evaluation, once per seller and UTC day. Returns false when the day was recorded already (a
    /// second run of the daily job), so its events and any suspension happen once. A warning emits
    /// `seller.scorecard_warned`.
    public func recordScorecard(
        _ verdict: ScorecardVerdict, performance: SellerPerformance, of sellerID: SellerID, windowDays: Int,
        suspended: Bool, requestID: String?, on db: any SQLDatabase
    ) async throws -> Bool {
        let now = self.now
        let id = ScorecardRecordID.generate(ids, at: now)
        let day = String(Int64((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        let encoder = JSONEncoder()
        let inserted = try await db.raw(
            """
            INSERT INTO seller_scorecards (id, seller_id, day, evaluated_at, window_days, standing, performance,
                verdict, warned_at, suspended)
            VALUES (\(bind: id.rawValue), \(bind: sellerID.rawValue), \(bind: day), \(bind: now.epochMicroseconds),
                    \(bind: windowDays), \(bind: verdict.standing.rawValue),
                    \(bind: String(decoding: try encoder.encode(performance), as: UTF8.self)),
                    \(bind: String(decoding: try encoder.encode(verdict), as: UTF8.self)),
                    \(bind: verdict.warnedAt?.epochMicroseconds), \(bind: suspended ? 1 : 0))
            ON CONFLICT (seller_id, day) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { return false }
        if verdict.standing == .warn, let warnedAt = verdict.warnedAt {
            try await outbox.append(
                SellerScorecardWarned(sellerID: sellerID, warnedAt: warnedAt, reasons: verdict.reasons.map(\.message)),
                on: db, requestID: requestID)
        }
        return true
    }

    /// The seller's recorded evaluations, newest first.
    public func scorecards(of sellerID: SellerID, limit: Int, on db: any SQLDatabase) async throws -> [ScorecardRecord]
    {
        let decoder = JSONDecoder()
        let table = "seller_scorecards"
        return try await db.raw(
            """
            SELECT * FROM seller_scorecards WHERE seller_id = \(bind: sellerID.rawValue)
            ORDER BY evaluated_at DESC, id DESC LIMIT \(bind: limit)
            """
        ).all().map { row in
            ScorecardRecord(
                id: try row.id("id", as: ScorecardRecordID.self, table: table), sellerID: sellerID,
                evaluatedAt: try row.date("evaluated_at"), windowDays: try row.int("window_days"),
                performance: try decoder.decode(
                    SellerPerformance.self, from: Data(try row.string("performance").utf8)),
                verdict: try decoder.decode(ScorecardVerdict.self, from: Data(try row.string("verdict").utf8)),
                suspended: try row.flag("suspended"))
        }
    }

    /// Cases about the seller's offers opened from `since` up to and including `until` that the seller answered, and the seconds
    /// from each opening to its answer, added up.
    public func caseResponses(
        of sellerID: SellerID, openedFrom since: Date, until: Date, on db: any SQLDatabase
    ) async throws -> (answered: Int, totalSeconds: Int) {
        let rows = try await db.raw(
            """
            SELECT c.opened_at, MIN(e.at) AS answered_at FROM seller_cases c
            JOIN seller_case_events e ON e.case_id = c.id AND e.action = 'seller_responded'
            WHERE c.seller_id = \(bind: sellerID.rawValue) AND c.opened_at >= \(bind: since.epochMicroseconds)
                AND c.opened_at <= \(bind: until.epochMicroseconds)
            GROUP BY c.id, c.opened_at
            """
        ).all()
        var total = 0
        for row in rows {
            let seconds = try row.date("answered_at").timeIntervalSince(try row.date("opened_at"))
            total += max(0, Int(seconds.rounded()))
        }
        return (rows.count, total)
    }
}
