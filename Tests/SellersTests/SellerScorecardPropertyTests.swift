import Foundation
import PropertyBased
import Sellers
import Testing

/// The scorecard's promises for any window of counts and any warning history.
@Suite struct SellerScorecardPropertyTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Counts shaped like real windows, small and large, with the bad counts a share of the orders.
    static let performances = zip(
        Gen.int(in: 0...400), Gen.int(in: 0...100), Gen.int(in: 0...100), Gen.int(in: 0...100),
        Gen.int(in: 0...60), Gen.int(in: 0...4), Gen.int(in: 0...30), Gen.int(in: 0...(100 * 3_600))
    )
    .map { orders, latePercent, cancelPercent, returnPercent, ratings, starsBelowFive, answered, averageSeconds in
        let late = orders * latePercent / 100 / 4
        let cancelled = orders * cancelPercent / 100 / 8
        return SellerPerformance(
            orders: orders, shippedOnTime: orders - cancelled - late, shippedLate: late, cancelledBySeller: cancelled,
            returned: orders * returnPercent / 100 / 5, ratingSum: ratings * 5 - ratings * starsBelowFive / 2,
            ratingCount: ratings, messagesAnswered: answered, totalResponseSeconds: answered * averageSeconds)
    }

    /// No warning, or one issued up to 120 days before now.
    static let warnings = Gen.int(in: 0...(120 * 86_400)).optional

    @Test("a verdict never suspends without an earlier warning in force and past its grace period")
    func suspensionNeedsWarning() async {
        await propertyCheck(count: 500, input: Self.performances, Self.warnings) { performance, secondsAgo in
            let warnedAt = secondsAgo.map { Self.now - TimeInterval($0) }
            let thresholds = ScorecardThresholds.marketplaceDefault
            let verdict = SellerScorecard(performance).verdict(under: thresholds, warnedAt: warnedAt, now: Self.now)
            guard verdict.standing == .suspend else { return }
            let age = TimeInterval(secondsAgo ?? -1)
            #expect(warnedAt != nil)
            #expect(age >= TimeInterval(thresholds.gracePeriodDays * 86_400))
            #expect(age < TimeInterval(thresholds.warningLifetimeDays * 86_400))
            #expect(verdict.warnedAt == warnedAt)
        }
    }

    @Test("the verdict is the worst metric's standing, a held suspension being a warning")
    func worstMetricDecides() async {
        await propertyCheck(count: 500, input: Self.performances, Self.warnings) { performance, secondsAgo in
            let warnedAt = secondsAgo.map { Self.now - TimeInterval($0) }
            let verdict = SellerScorecard(performance).verdict(warnedAt: warnedAt, now: Self.now)
            let worst = verdict.metrics.map(\.standing).max() ?? .good
            if worst == .suspend && verdict.suspensionHeld != nil {
                #expect(verdict.standing == .warn)
            } else {
                #expect(verdict.standing == worst)
                #expect(verdict.suspensionHeld == nil)
            }
            #expect(verdict.reasons.count == verdict.metrics.filter { $0.standing != .good }.count)
            #expect(zip(verdict.reasons, verdict.reasons.dropFirst()).allSatisfy { $0.standing >= $1.standing })
            // Any warning or held suspension is on record for the next evaluation.
            if verdict.standing != .good { #expect(verdict.warnedAt != nil) }
        }
    }

    @Test("a metric below its minimum sample never decides anything")
    func minimumSample() async {
        await propertyCheck(count: 500, input: Self.performances) { performance in
            let thresholds = ScorecardThresholds.marketplaceDefault
            let verdict = SellerScorecard(performance).verdict(under: thresholds, warnedAt: nil, now: Self.now)
            for metric in verdict.metrics {
                #expect(metric.counts == (metric.sample >= thresholds[metric.metric].minimumSample))
                if !metric.counts {
                    #expect(metric.standing == .good)
                    #expect(metric.reason == nil)
                }
            }
        }
    }

    @Test("each reason states a value that really crossed the limit it names")
    func reasonsAreTrue() async {
        await propertyCheck(count: 500, input: Self.performances) { performance in
            let card = SellerScorecard(performance)
            for reason in card.verdict(warnedAt: nil, now: Self.now).reasons {
                #expect(reason.value == card.value(of: reason.metric))
                let crossed =
                    reason.metric.higherIsWorse ? reason.value > reason.threshold : reason.value < reason.threshold
                #expect(crossed)
            }
        }
    }

    @Test("rates stay within 0 to 100 % and the rating within 1 to 5 stars")
    func ranges() async {
        await propertyCheck(count: 500, input: Self.performances) { performance in
            let card = SellerScorecard(performance)
            for rate in [card.onTimeShipmentRate, card.cancellationRate, card.returnRate].compactMap(\.self) {
                #expect((0...10_000).contains(rate))
            }
            if let rating = card.ratingAverage { #expect((100...500).contains(rating)) }
        }
    }

    @Test("more seller cancellations never improve the cancellation standing")
    func monotone() async {
        await propertyCheck(count: 300, input: Self.performances, Gen.int(in: 1...20)) { performance, extra in
            var worse = performance
            worse.cancelledBySeller = min(worse.orders, worse.cancelledBySeller + extra)
            func standing(_ p: SellerPerformance) -> ScorecardStanding? {
                SellerScorecard(p).verdict(warnedAt: nil, now: Self.now).metrics
                    .first { $0.metric == .cancellation }?.standing
            }
            #expect(standing(worse)! >= standing(performance)!)
        }
    }
}
