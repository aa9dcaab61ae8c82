import Metrics

/// Every metric Orders reports, in one place. On PostgreSQL a retried transaction may count twice;
/// these are operational signals, not books.
enum OrdersMetrics {
    static func placed(channel: String, replay: Bool) {
        Counter(
            label: "torv_orders_placed_total", dimensions: [("channel", channel), ("replay", replay ? "yes" : "no")]
        ).increment()
    }

    static func cancelled() {
        Counter(label: "torv_orders_cancelled_total").increment()
    }

    static func wrongPickupCode() {
        Counter(label: "torv_orders_pickup_code_wrong_total").increment()
    }
}
