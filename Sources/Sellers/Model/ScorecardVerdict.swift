public import Foundation

/// Where a seller stands on one metric or overall, from best to worst.
public enum ScorecardStanding: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case good
    case warn
    case suspend

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Why a metric is not good, in the terms a seller can check: the metric, its value and the limit it crossed.
public struct ScorecardReason: Sendable, Hashable, Codable {
    public var metric: ScorecardMetric
    public var value: Int
    /// The limit crossed: the suspension limit for ``ScorecardStanding/suspend``, else the warning limit.
    public var threshold: Int
    public var standing: ScorecardStanding
    /// `"cancellation 3.12 % is above the suspension limit of 2.5 % (48 orders)"`.
    public var message: String

    public init(metric: ScorecardMetric, value: Int, threshold: Int, standing: ScorecardStanding, message: String) {
        self.metric = metric
        self.value = value
        self.threshold = threshold
        self.standing = standing
        self.message = message
    }
}

/// One metric of the scorecard with its verdict.
public struct MetricVerdict: Sendable, Hashable, Codable {
    public var metric: ScorecardMetric
    /// The measured value, in the metric's unit; `nil` when there is nothing to measure (no orders yet).
    public var value: Int?
    /// Orders, shipments, ratings or answered messages behind the value.
    public var sample: Int
    /// `false` when the sample is below the threshold's minimum: the value is shown but decides nothing.
    public var counts: Bool
    public var standing: ScorecardStanding
    /// Set exactly when ``standing`` is not good.
    public var reason: ScorecardReason?

    public init(
        metric: ScorecardMetric, value: Int?, sample: Int, counts: Bool, standing: ScorecardStanding,
        reason: ScorecardReason?
    ) {
        self.metric = metric
        self.value = value
        self.sample = sample
        self.counts = counts
        self.standing = standing
        self.reason = reason
    }
}

/// Why metrics bad enough for a suspension led to a warning instead.
public enum SuspensionHold: Sendable, Hashable, Codable {
    /// No warning was in force: the seller is warned now and gets the grace period to improve.
    case notWarnedYet
    /// The seller was warned, but the grace period to improve runs until this moment.
    case gracePeriod(until: Date)
}

/// The scorecard's decision about a seller, with every reason behind it.
public struct ScorecardVerdict: Sendable, Hashable, Codable {
    /// The decision: the worst metric's standing, except that a suspension needs an earlier warning still in
    /// force and past its grace period; otherwise it is a warning (see ``suspensionHeld``).
    public var standing: ScorecardStanding
    /// Every metric, in ``ScorecardMetric/allCases`` order.
    public var metrics: [MetricVerdict]
    /// The reasons of the metrics that are not good, worst first, then in metric order.
    public var reasons: [ScorecardReason]
    /// Set when the metrics called for a suspension that the warning rule held back.
    public var suspensionHeld: SuspensionHold?
    /// The warning to keep on record for the next evaluation: the earlier one while it is in force, `now` when
    /// this verdict starts a new warning, `nil` when no warning is in force.
    public var warnedAt: Date?

    public init(
        standing: ScorecardStanding, metrics: [MetricVerdict], reasons: [ScorecardReason],
        suspensionHeld: SuspensionHold?, warnedAt: Date?
    ) {
        self.standing = standing
        self.metrics = metrics
        self.reasons = reasons
        self.suspensionHeld = suspensionHeld
        self.warnedAt = warnedAt
    }
}
