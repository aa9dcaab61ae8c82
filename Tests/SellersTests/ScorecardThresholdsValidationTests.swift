import Sellers
import Testing
import TorvCore

@Suite struct ScorecardThresholdsValidationTests {
    @Test("the marketplace defaults are valid")
    func defaults() throws {
        #expect(ScorecardThresholds.marketplaceDefault.validate() == [])
        try ScorecardThresholds.marketplaceDefault.requireValid()
    }

    @Test(
        "each broken limit is reported at its JSON pointer with a stable code",
        arguments: [
            (
                ScorecardMetric.cancellation, MetricThreshold(warn: 500, suspend: 500, minimumSample: 20),
                "/cancellation/suspend", "not_stricter_than_warn"
            ),
            (
                .cancellation, MetricThreshold(warn: 500, suspend: 250, minimumSample: 20), "/cancellation/suspend",
                "not_stricter_than_warn"
            ),
            (
                .rating, MetricThreshold(warn: 350, suspend: 400, minimumSample: 10), "/rating/suspend",
                "not_stricter_than_warn"
            ),
            (
                .onTimeShipment, MetricThreshold(warn: 9_000, suspend: 9_500, minimumSample: 20),
                "/on_time_shipment/suspend", "not_stricter_than_warn"
            ),
            (
                .responseTime, MetricThreshold(warn: 72 * 3_600, suspend: 24 * 3_600, minimumSample: 5),
                "/response_time/suspend", "not_stricter_than_warn"
            ),
            (.rating, MetricThreshold(warn: 600, suspend: 350, minimumSample: 10), "/rating/warn", "out_of_range"),
            (
                .returns, MetricThreshold(warn: 1_000, suspend: 10_001, minimumSample: 20), "/returns/suspend",
                "out_of_range"
            ),
            (.returns, MetricThreshold(warn: -1, suspend: nil, minimumSample: 20), "/returns/warn", "out_of_range"),
            (
                .responseTime, MetricThreshold(warn: 0, suspend: nil, minimumSample: 5), "/response_time/warn",
                "out_of_range"
            ),
            (
                .cancellation, MetricThreshold(warn: 250, suspend: 500, minimumSample: 0),
                "/cancellation/minimum_sample", "out_of_range"
            ),
        ] as [(ScorecardMetric, MetricThreshold, String, String)]
    )
    func fieldErrors(metric: ScorecardMetric, threshold: MetricThreshold, pointer: String, code: String) {
        var thresholds = ScorecardThresholds.marketplaceDefault
        thresholds[metric] = threshold
        let errors = thresholds.validate()
        #expect(errors.map(\.pointer) == [pointer])
        #expect(errors.map(\.code) == [code])
        #expect(throws: ValidationError(errors)) { try thresholds.requireValid() }
    }

    @Test("a warning must outlive its grace period, or it could never lead to a suspension")
    func gracePeriod() {
        var thresholds = ScorecardThresholds.marketplaceDefault
        thresholds.gracePeriodDays = 90
        #expect(thresholds.validate().map(\.code) == ["shorter_than_grace_period"])
        thresholds.gracePeriodDays = -1
        thresholds.warningLifetimeDays = 0
        #expect(
            thresholds.validate().map(\.pointer) == ["/grace_period_days", "/warning_lifetime_days"])
    }

    @Test("every problem is reported at once")
    func allAtOnce() {
        var thresholds = ScorecardThresholds.marketplaceDefault
        thresholds.rating = MetricThreshold(warn: 300, suspend: 350, minimumSample: 0)
        thresholds.cancellation = MetricThreshold(warn: 250, suspend: 100, minimumSample: 20)
        #expect(
            thresholds.validate().map(\.pointer) == [
                "/rating/suspend", "/rating/minimum_sample", "/cancellation/suspend",
            ])
    }
}
