import Foundation
import Sellers
import Testing

@Suite struct SellerScorecardTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let days: TimeInterval = 86_400

    @Test("rates are integers rounded half up once: basis points, hundredths of a star, seconds")
    func rates() {
        let card = SellerScorecard.fixture(
            orders: 3, onTime: 2, late: 1, cancelled: 1, returned: 2, ratingSum: 14, ratings: 3, answered: 3,
            responseSeconds: 100)
        #expect(card.cancellationRate == 3_333)
        #expect(card.returnRate == 6_667)
        #expect(card.onTimeShipmentRate == 6_667)
        #expect(card.ratingAverage == 467)
        #expect(card.averageResponseSeconds == 33)

        let halves = SellerScorecard.fixture(
            orders: 8, cancelled: 1, ratingSum: 9, ratings: 2, answered: 2, responseSeconds: 3)
        #expect(halves.cancellationRate == 1_250)
        #expect(halves.ratingAverage == 450)
        #expect(halves.averageResponseSeconds == 2)
    }

    @Test("a metric with nothing to measure has no value and decides nothing")
    func empty() {
        let card = SellerScorecard(SellerPerformance())
        for metric in ScorecardMetric.allCases {
            #expect(card.value(of: metric) == nil)
        }
        let verdict = card.verdict(warnedAt: nil, now: Self.now)
        #expect(verdict.standing == .good)
        #expect(verdict.reasons.isEmpty)
        #expect(verdict.warnedAt == nil)
        #expect(verdict.metrics.allSatisfy { !$0.counts && $0.standing == .good })
    }

    @Test("miscounted aggregates are clamped, never above 100 % nor outside 1 to 5 stars")
    func clamped() {
        let card = SellerScorecard.fixture(
            orders: 2, onTime: -3, late: 5, cancelled: 9, returned: -1, ratingSum: 40, ratings: 2)
        #expect(card.cancellationRate == 10_000)
        #expect(card.returnRate == 0)
        #expect(card.onTimeShipmentRate == 0)
        #expect(card.ratingAverage == 500)
        #expect(SellerScorecard.fixture(ratingSum: 0, ratings: 4).ratingAverage == 100)
    }

    @Test(
        "each metric warns and suspends at the documented default limits, exactly at the limit is still fine",
        arguments: [
            (SellerScorecard.fixture(orders: 200, cancelled: 5), ScorecardMetric.cancellation, ScorecardStanding.good),
            (SellerScorecard.fixture(orders: 200, cancelled: 6), .cancellation, .warn),
            (SellerScorecard.fixture(orders: 200, cancelled: 10), .cancellation, .warn),
            (SellerScorecard.fixture(orders: 200, cancelled: 11), .cancellation, .suspend),
            (SellerScorecard.fixture(onTime: 190, late: 10), .onTimeShipment, .good),
            (SellerScorecard.fixture(onTime: 189, late: 11), .onTimeShipment, .warn),
            (SellerScorecard.fixture(onTime: 180, late: 20), .onTimeShipment, .warn),
            (SellerScorecard.fixture(onTime: 179, late: 21), .onTimeShipment, .suspend),
            (SellerScorecard.fixture(ratingSum: 400, ratings: 100), .rating, .good),
            (SellerScorecard.fixture(ratingSum: 399, ratings: 100), .rating, .warn),
            (SellerScorecard.fixture(ratingSum: 350, ratings: 100), .rating, .warn),
            (SellerScorecard.fixture(ratingSum: 349, ratings: 100), .rating, .suspend),
            (SellerScorecard.fixture(returned: 20), .returns, .good),
            (SellerScorecard.fixture(returned: 21), .returns, .warn),
            (SellerScorecard.fixture(returned: 200), .returns, .warn),
            (SellerScorecard.fixture(answered: 2 * 5, responseSeconds: 10 * 24 * 3_600), .responseTime, .good),
            (SellerScorecard.fixture(answered: 10, responseSeconds: 10 * 24 * 3_600 + 10), .responseTime, .warn),
            (SellerScorecard.fixture(answered: 10, responseSeconds: 10 * 72 * 3_600), .responseTime, .warn),
            (SellerScorecard.fixture(answered: 10, responseSeconds: 10 * 72 * 3_600 + 10), .responseTime, .suspend),
        ] as [(SellerScorecard, ScorecardMetric, ScorecardStanding)]
    )
    func limits(card: SellerScorecard, metric: ScorecardMetric, standing: ScorecardStanding) {
        let verdict = card.verdict(warnedAt: nil, now: Self.now)
        let measured = verdict.metrics.first { $0.metric == metric }
        #expect(measured?.standing == standing)
        #expect((measured?.reason == nil) == (standing == .good))
        let others = verdict.metrics.filter { $0.metric != metric }
        #expect(others.allSatisfy { $0.standing == .good })
    }

    @Test("a new seller with one order, cancelled, is not judged on it")
    func minimumSample() {
        let card = SellerScorecard.fixture(
            orders: 1, onTime: 0, late: 0, cancelled: 1, returned: 1, ratingSum: 1, ratings: 1, answered: 1,
            responseSeconds: 200 * 3_600)
        let verdict = card.verdict(warnedAt: nil, now: Self.now)
        #expect(verdict.standing == .good)
        #expect(verdict.reasons.isEmpty)
        let cancellation = verdict.metrics.first { $0.metric == .cancellation }
        #expect(cancellation?.value == 10_000)
        #expect(cancellation?.sample == 1)
        #expect(cancellation?.counts == false)

        // The 20th order makes the same behaviour count.
        let established = SellerScorecard.fixture(orders: 20, cancelled: 20, returned: 0)
        #expect(established.verdict(warnedAt: nil, now: Self.now).reasons.map(\.metric) == [.cancellation])
    }

    @Test("every reason names the metric, its value and the limit it crossed")
    func reasons() {
        let card = SellerScorecard.fixture(
            orders: 160, onTime: 150, late: 10, cancelled: 5, ratingSum: 7 * 48, ratings: 100)
        let verdict = card.verdict(warnedAt: nil, now: Self.now)
        #expect(
            verdict.reasons == [
                ScorecardReason(
                    metric: .rating, value: 336, threshold: 350, standing: .suspend,
                    message: "rating 3.36 stars is below the suspension limit of 3.50 stars (100 ratings)"),
                ScorecardReason(
                    metric: .onTimeShipment, value: 9_375, threshold: 9_500, standing: .warn,
                    message: "on time shipment 93.75 % is below the warning limit of 95 % (160 shipments)"),
                ScorecardReason(
                    metric: .cancellation, value: 313, threshold: 250, standing: .warn,
                    message: "cancellation 3.13 % is above the warning limit of 2.5 % (160 orders)"),
            ])
        #expect(
            SellerScorecard.fixture(answered: 5, responseSeconds: 5 * (30 * 3_600 + 60 * 15)).verdict(
                warnedAt: nil, now: Self.now
            )
            .reasons.map(\.message) == [
                "response time 30 h 15 min is above the warning limit of 24 h (5 answered messages)"
            ])
    }

    @Test("a suspension needs an earlier warning in force and past its grace period")
    func suspensionFollowsWarning() {
        let failing = SellerScorecard.fixture(orders: 200, cancelled: 40)

        let first = failing.verdict(warnedAt: nil, now: Self.now)
        #expect(first.standing == .warn)
        #expect(first.suspensionHeld == .notWarnedYet)
        #expect(first.warnedAt == Self.now)
        #expect(first.reasons.first?.standing == .suspend)

        let tenDaysLater = Self.now + 10 * Self.days
        let during = failing.verdict(warnedAt: first.warnedAt, now: tenDaysLater)
        #expect(during.standing == .warn)
        #expect(during.suspensionHeld == .gracePeriod(until: Self.now + 14 * Self.days))
        #expect(during.warnedAt == Self.now)

        let after = failing.verdict(warnedAt: first.warnedAt, now: Self.now + 14 * Self.days)
        #expect(after.standing == .suspend)
        #expect(after.suspensionHeld == nil)

        // A warning from long ago has lapsed: the seller is warned again, not suspended.
        let lapsed = failing.verdict(warnedAt: Self.now - 90 * Self.days, now: Self.now)
        #expect(lapsed.standing == .warn)
        #expect(lapsed.suspensionHeld == .notWarnedYet)
        #expect(lapsed.warnedAt == Self.now)
    }

    @Test("a warning stays on record while in force, even through a good window, and lapses after it")
    func warningRecord() {
        let good = SellerScorecard.fixture()
        let warned = Self.now - 20 * Self.days
        #expect(good.verdict(warnedAt: warned, now: Self.now).warnedAt == warned)
        #expect(good.verdict(warnedAt: warned, now: warned + 90 * Self.days).warnedAt == nil)

        let warning = SellerScorecard.fixture(orders: 200, cancelled: 6)
        let verdict = warning.verdict(warnedAt: warned, now: Self.now)
        #expect(verdict.standing == .warn)
        #expect(verdict.suspensionHeld == nil)
        #expect(verdict.warnedAt == warned)
    }

    @Test("returns alone never suspend under the defaults")
    func returnsNeverSuspend() {
        let verdict = SellerScorecard.fixture(returned: 200).verdict(warnedAt: Self.now - 30 * Self.days, now: Self.now)
        #expect(verdict.standing == .warn)
    }

    @Test("custom standards are applied as given")
    func custom() {
        var strict = ScorecardThresholds.marketplaceDefault
        strict.returns = MetricThreshold(warn: 500, suspend: 1_500, minimumSample: 50)
        strict.gracePeriodDays = 0
        let card = SellerScorecard.fixture(returned: 40)
        #expect(card.verdict(warnedAt: Self.now, now: Self.now).standing == .warn)
        #expect(card.verdict(under: strict, warnedAt: nil, now: Self.now).standing == .warn)
        #expect(card.verdict(under: strict, warnedAt: Self.now, now: Self.now).standing == .suspend)

        strict.returns.minimumSample = 201
        #expect(card.verdict(under: strict, warnedAt: Self.now, now: Self.now).standing == .good)
    }
}

extension SellerScorecard {
    /// A solid seller: 200 orders, all shipped on time, a 4.6-star average, answers within 4 hours.
    static func fixture(
        orders: Int = 200, onTime: Int = 200, late: Int = 0, cancelled: Int = 0, returned: Int = 4,
        ratingSum: Int = 460, ratings: Int = 100, answered: Int = 40, responseSeconds: Int = 40 * 4 * 3_600
    ) -> SellerScorecard {
        SellerScorecard(
            SellerPerformance(
                orders: orders, shippedOnTime: onTime, shippedLate: late, cancelledBySeller: cancelled,
                returned: returned, ratingSum: ratingSum, ratingCount: ratings, messagesAnswered: answered,
                totalResponseSeconds: responseSeconds))
    }
}
