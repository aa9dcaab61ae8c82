import Metrics

/// Every metric Payments reports, in one place.
enum PaymentMetrics {
    /// One recorded provider outcome, by operation and result (`succeeded`, `failed`, `unknown`, …).
    static func outcome(_ kind: PaymentOperationKind, _ status: PaymentAttemptStatus) {
        Counter(
            label: "torv_payment_outcomes_total",
            dimensions: [("operation", kind.rawValue), ("status", status.rawValue)]
        ).increment()
    }

    static func webhook(_ result: String) {
        Counter(label: "torv_payment_webhooks_total", dimensions: [("result", result)]).increment()
    }
}
