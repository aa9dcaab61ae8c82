import Flows
import Foundation
import Sellers
import TorvAPI
import TorvCore

/// Seller scorecards: a seller reads their own, the operator any seller's.
extension APIHandlers {
    func getOwnSellerScorecard(
        _ input: Operations.GetOwnSellerScorecard.Input
    ) async throws -> Operations.GetOwnSellerScorecard.Output {
        let view = try await SellerScorecards.current(try ownSeller(), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func getSellerScorecard(
        _ input: Operations.GetSellerScorecard.Input
    ) async throws -> Operations.GetSellerScorecard.Output {
        let id = try pathID(input.path.sellerId, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let view = try await SellerScorecards.current(id, on: platform)
        return .ok(.init(body: .json(.init(view))))
    }
}

extension Components.Schemas.SellerScorecard {
    init(_ view: SellerScorecardView) {
        let verdict = view.verdict
        let p = view.performance
        let graceEnds: Date? =
            if case .gracePeriod(let until) = verdict.suspensionHeld { until } else { nil }
        self.init(
            sellerId: view.sellerID.rawValue, windowDays: Int32(clamping: view.windowDays),
            performance: .init(
                orders: Int64(p.orders), shippedOnTime: Int64(p.shippedOnTime), shippedLate: Int64(p.shippedLate),
                cancelled: Int64(p.cancelledBySeller), returned: Int64(p.returned), ratingSum: Int64(p.ratingSum),
                ratingCount: Int64(p.ratingCount), casesAnswered: Int64(p.messagesAnswered),
                totalResponseSeconds: Int64(p.totalResponseSeconds)),
            standing: .init(rawValue: verdict.standing.rawValue) ?? .good,
            metrics: verdict.metrics.map { metric in
                .init(
                    metric: .init(rawValue: metric.metric.rawValue) ?? .rating, value: metric.value.map(Int64.init),
                    sample: Int64(metric.sample), counts: metric.counts,
                    standing: .init(rawValue: metric.standing.rawValue) ?? .good,
                    reason: metric.reason.map(Components.Schemas.ScorecardReason.init))
            },
            reasons: verdict.reasons.map(Components.Schemas.ScorecardReason.init), warnedAt: verdict.warnedAt,
            gracePeriodEndsAt: graceEnds,
            history: view.history.map { record in
                .init(
                    evaluatedAt: record.evaluatedAt,
                    standing: .init(rawValue: record.verdict.standing.rawValue) ?? .good,
                    reasons: record.verdict.reasons.map(Components.Schemas.ScorecardReason.init),
                    warnedAt: record.verdict.warnedAt, suspended: record.suspended)
            })
    }
}

extension Components.Schemas.ScorecardReason {
    init(_ reason: ScorecardReason) {
        self.init(
            metric: .init(rawValue: reason.metric.rawValue) ?? .rating, value: Int64(reason.value),
            threshold: Int64(reason.threshold), standing: .init(rawValue: reason.standing.rawValue) ?? .good,
            message: reason.message)
    }
}
