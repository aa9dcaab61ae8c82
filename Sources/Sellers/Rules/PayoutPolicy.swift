public import TorvCore

/// When a seller is paid, and which sign each kind of movement must have.
///
/// A payout sends exactly the available balance, never more, so recording it as a `payout` movement of
/// `−amount` leaves the available balance at zero: nothing can be paid twice, and a later refund shows as a
/// negative balance that new sales must cover before the next payout.
public enum PayoutPolicy {
    /// Pays the available balance when it reaches `minimum` (bank transfers cost money, so small sums wait);
    /// a negative, zero or smaller balance is carried, and the reason says which. A minimum below one minor
    /// unit counts as one minor unit: a payout is always positive.
    public static func decide(_ balance: SellerBalance, minimum: Money) -> PayoutDecision {
        let available = balance.available
        guard available.currency == minimum.currency else {
            return PayoutDecision(
                amount: nil,
                reason:
                    "not paid: the balance is in \(available.currency.code), the minimum in \(minimum.currency.code)")
        }
        if available.isNegative {
            return PayoutDecision(
                amount: nil, reason: "carried: \(available) available is negative; new sales cover it first")
        }
        if available.isZero {
            return PayoutDecision(amount: nil, reason: "carried: nothing available")
        }
        if available.amount < minimum.amount {
            return PayoutDecision(
                amount: nil, reason: "carried: \(available) available is below the \(minimum) minimum")
        }
        return PayoutDecision(amount: available, reason: "pays the available \(available)")
    }

    /// Whether `amount` has the sign `kind` requires: sale and fee_refund positive; fee, refund, chargeback
    /// and payout negative; an adjustment either way. Zero is never valid: a movement of nothing is not
    /// recorded at all.
    public static func isValidSign(_ kind: SellerMovementKind, amount: Money) -> Bool {
        switch kind {
        case .sale, .feeRefund: amount.isPositive
        case .fee, .refund, .chargeback, .payout: amount.isNegative
        case .adjustment: !amount.isZero
        }
    }
}
