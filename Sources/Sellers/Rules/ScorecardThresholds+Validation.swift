public import TorvCore

extension ScorecardThresholds {
    /// Every problem at once, as field errors with JSON pointers into the snake_case form
    /// (`/cancellation/suspend`), so an operator editing the standards sees them all in one round trip.
    ///
    /// Valid standards have: limits inside the metric's range (0 to 100 % for rates, 1 to 5 stars, a positive
    /// response time); a suspension limit strictly worse than the warning limit, so a seller is always warned
    /// before their value is bad enough to be suspended; a minimum sample of at least 1; and a grace period
    /// that ends while the warning is still in force, or no suspension could ever follow a warning.
    public func validate() -> [FieldError] {
        var v = Validator()
        for metric in ScorecardMetric.allCases {
            let threshold = self[metric]
            func pointer(_ field: String) -> String { FieldError.pointer(metric.rawValue, field) }
            let range = Self.range(of: metric)
            let rangeText = "must be from \(metric.text(range.lowerBound)) to \(metric.text(range.upperBound))"
            v.check(range.contains(threshold.warn), pointer("warn"), rangeText, code: "out_of_range")
            if let suspend = threshold.suspend {
                let inRange = v.check(range.contains(suspend), pointer("suspend"), rangeText, code: "out_of_range")
                let stricter = metric.higherIsWorse ? suspend > threshold.warn : suspend < threshold.warn
                if inRange {
                    v.check(
                        stricter, pointer("suspend"),
                        "must be \(metric.higherIsWorse ? "above" : "below") the warning limit "
                            + "\(metric.text(threshold.warn)), so a seller is warned first",
                        code: "not_stricter_than_warn")
                }
            }
            v.check(threshold.minimumSample >= 1, pointer("minimum_sample"), "must be at least 1", code: "out_of_range")
        }
        v.check(gracePeriodDays >= 0, "/grace_period_days", "must not be negative", code: "out_of_range")
        v.check(
            warningLifetimeDays > max(0, gracePeriodDays), "/warning_lifetime_days",
            "must be longer than the grace period of \(gracePeriodDays) days, or a warning lapses before it can "
                + "lead to a suspension",
            code: "shorter_than_grace_period")
        return v.errors
    }

    /// Throws every problem together, for callers that only want to know whether they may save.
    public func requireValid() throws(ValidationError) {
        let errors = validate()
        guard errors.isEmpty else { throw ValidationError(errors) }
    }

    /// The values a limit of `metric` may take.
    static func range(of metric: ScorecardMetric) -> ClosedRange<Int> {
        switch metric {
        case .rating: 100...500
        case .onTimeShipment, .cancellation, .returns: 0...BasisPoints.whole
        // Thirty days: a slower answer is no answer.
        case .responseTime: 1...(30 * 86_400)
        }
    }
}
