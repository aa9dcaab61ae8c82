public import TorvCore

/// How much of a line's total a returned unit is worth, as a pure function over the snapshot.
///
/// A line's total (after discounts, tax included) is split over its units with
/// ``TorvCore/Money/split(into:)``: the parts differ by at most one minor unit and add up to the total.
/// Units are numbered as approved returns take them, and a return of units `offset ..< offset + count`
/// is worth the sum of those parts — so however the units of a line are returned, in one return or
/// many, the refunds add up to exactly the line total, never a cent more.
public enum RefundRule {
    /// The value of `count` units starting at unit `offset` of a line of `quantity` units costing `total`.
    public static func value(
        ofUnits count: Int, from offset: Int, ofLine total: Money, quantity: Int
    ) throws(MoneyError) -> Money {
        guard quantity > 0, offset >= 0, count >= 0, offset + count <= quantity else {
            throw .invalidAllocation("units \(offset)..<\(offset + count) are not within \(quantity)")
        }
        guard count > 0 else { return .zero(total.currency) }
        let parts = try total.split(into: quantity)
        return try Money.sum(Array(parts[offset..<(offset + count)]), currency: total.currency)
    }

    /// What a return is due: its lines' values, plus the order's shipping when `includeShipping` and no
    /// earlier refund returned it (`shippingAlreadyRefunded`).
    public static func refundDue(
        lines: [Money], shipping: Money, includeShipping: Bool, shippingAlreadyRefunded: Money
    ) throws(MoneyError) -> Money {
        var due = try Money.sum(lines, currency: shipping.currency)
        if includeShipping {
            let remaining = try shipping.subtracting(shippingAlreadyRefunded)
            if remaining.isPositive { due = try due.adding(remaining) }
        }
        return due
    }
}
