import TorvCore

/// Picks where to buy a SKU from among the price list entries of active suppliers.
public enum SourceChoice {
    /// The cheapest entry; on equal cost the shorter lead time, then the supplier ID, so the answer is
    /// stable. Costs in different currencies cannot be compared without an exchange rate, so the caller
    /// filters to one currency first (``Purchasing/bestSource(for:in:on:)`` does).
    public static func best(among entries: [SupplierPrice]) -> SupplierPrice? {
        entries.min { lhs, rhs in
            (lhs.unitCost.amount, lhs.leadTimeDays, lhs.supplierID.rawValue)
                < (rhs.unitCost.amount, rhs.leadTimeDays, rhs.supplierID.rawValue)
        }
    }
}
