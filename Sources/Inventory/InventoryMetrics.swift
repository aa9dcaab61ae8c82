import Metrics

/// Every metric Inventory reports, in one place.
enum InventoryMetrics {
    static func reservation(_ outcome: String) {
        Counter(label: "torv_inventory_reservations_total", dimensions: [("outcome", outcome)]).increment()
    }

    /// A concurrent checkout took planned stock and the reservation planned again.
    static func replanned() {
        Counter(label: "torv_inventory_allocation_replans_total").increment()
    }

    static func expired(_ count: Int) {
        Counter(label: "torv_inventory_reservations_expired_total").increment(by: count)
    }
}
