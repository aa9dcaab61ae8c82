import Metrics

/// Checkout's metrics, declared in one place.
enum CheckoutMetrics {
    static func cartCreated() { Counter(label: "torv_checkout_carts_created_total").increment() }
    static func cartCheckedOut() { Counter(label: "torv_checkout_carts_checked_out_total").increment() }
    static func cartsMerged() { Counter(label: "torv_checkout_carts_merged_total").increment() }
    static func cartsAbandoned(_ count: Int) {
        if count > 0 { Counter(label: "torv_checkout_carts_abandoned_total").increment(by: count) }
    }
}
