public import Foundation

extension SellerScorecard {
    /// The verdict on this window under `thresholds`.
    ///
    /// Each metric with enough sample is good, warn or suspend by the limits it crosses. Overall, the worst
    /// metric decides, with one exception that protects sellers: a suspension needs a warning that is still in
    /// force (`warnedAt` less than ``ScorecardThresholds/warningLifetimeDays`` ago) and whose grace period
    /// (``ScorecardThresholds/gracePeriodDays``) is over. Without one the verdict is a warning, with
    /// ``ScorecardVerdict/suspensionHeld`` saying why, so a seller always hears about a problem before being
    /// suspended for it and has time to fix it.
    ///
    /// - Parameters:
    ///   - warnedAt: when the warning on record was issued (the previous verdict's
    ///     ``ScorecardVerdict/warnedAt``), or `nil` when there is none.
    ///   - now: the moment of the evaluation.
    public func verdict(
        under thresholds: ScorecardThresholds = .marketplaceDefault, warnedAt: Date?, now: Date
    ) -> ScorecardVerdict {
        let metrics = ScorecardMetric.allCases.map { metricVerdict($0, threshold: thresholds[$0]) }
        let worst = metrics.map(\.standing).max() ?? .good
        let reasons = metrics.compactMap(\.reason).enumerated()
            .sorted { lhs, rhs in
                lhs.element.standing != rhs.element.standing
                    ? lhs.element.standing > rhs.element.standing : lhs.offset < rhs.offset
            }
            .map(\.element)

        let day: TimeInterval = 86_400
        let warningInForce = warnedAt.flatMap { warned in
            now < warned.addingTimeInterval(TimeInterval(thresholds.warningLifetimeDays) * day) ? warned : nil
        }

        var standing = worst
        var held: SuspensionHold?
        if worst == .suspend {
            if let warned = warningInForce {
                let graceEnds = warned.addingTimeInterval(TimeInterval(max(0, thresholds.gracePeriodDays)) * day)
                if now < graceEnds {
                    standing = .warn
                    held = .gracePeriod(until: graceEnds)
                }
            } else {
                standing = .warn
                held = .notWarnedYet
            }
        }
        let keptWarning = standing == .good ? warningInForce : (warningInForce ?? now)
        return ScorecardVerdict(
            standing: standing, metrics: metrics, reasons: reasons, suspensionHeld: held, warnedAt: keptWarning)
    }

    func metricVerdict(_ metric: ScorecardMetric, threshold: MetricThreshold) -> MetricVerdict {
        let sample = sample(of: metric)
        let counts = sample >= threshold.minimumSample
        guard let value = value(of: metric), counts else {
            return MetricVerdict(
                metric: metric, value: value(of: metric), sample: sample, counts: false, standing: .good, reason: nil)
        }
        func crosses(_ limit: Int) -> Bool { metric.higherIsWorse ? value > limit : value < limit }

        let limit: (standing: ScorecardStanding, value: Int)?
        if let suspend = threshold.suspend, crosses(suspend) {
            limit = (.suspend, suspend)
        } else if crosses(threshold.warn) {
            limit = (.warn, threshold.warn)
        } else {
            limit = nil
        }
        guard let limit else {
            return MetricVerdict(
                metric: metric, value: value, sample: sample, counts: true, standing: .good, reason: nil)
        }
        let message =
            "\(metric.rawValue.replacing("_", with: " ")) \(metric.text(value)) is "
            + "\(metric.higherIsWorse ? "above" : "below") the \(limit.standing == .suspend ? "suspension" : "warning") "
            + "limit of \(metric.text(limit.value)) (\(sample) \(Self.sampleNoun(metric, sample)))"
        let reason = ScorecardReason(
            metric: metric, value: value, threshold: limit.value, standing: limit.standing, message: message)
        return MetricVerdict(
            metric: metric, value: value, sample: sample, counts: true, standing: limit.standing, reason: reason)
    }

    static func sampleNoun(_ metric: ScorecardMetric, _ count: Int) -> String {
        let noun =
            switch metric {
            case .rating: "rating"
            case .onTimeShipment: "shipment"
            case .cancellation, .returns: "order"
            case .responseTime: "answered message"
            }
        return count == 1 ? noun : noun + "s"
    }
}
