public import Foundation
public import TorvCore

/// What a seller holds with the platform at one moment, split into what may be paid out and what is still
/// held back.
///
/// Credits (positive movements: sales, fee refunds, positive adjustments) count as available only from
/// their ``SellerMovement/availableAt``; debits (fees, refunds, chargebacks, payouts, negative adjustments)
/// count against the available balance at once, whatever their date. Erring that way means a payout never
/// includes money that is already owed back; the price is that a fee can make `available` negative for the
/// few days its sale is held back.
public struct SellerBalance: Sendable, Hashable {
    /// The sum of every movement.
    public var total: Money
    /// Credits still in their holdback at the moment asked.
    public var pending: Money
    /// `total − pending`; negative when refunds or fees came after the money was paid out, and then carried
    /// until new sales cover it.
    public var available: Money

    public init(total: Money, pending: Money, available: Money) {
        self.total = total
        self.pending = pending
        self.available = available
    }

    /// The balance of `movements` at `now`. Throws `.currencyMismatch` for a movement in another currency than
    /// `currency` (a seller's account has one payout currency) and `.overflow` for sums beyond 64 bits.
    public static func of(
        _ movements: [SellerMovement], currency: Currency, at now: Date
    ) throws(MoneyError) -> SellerBalance {
        var total = Money.zero(currency)
        var pending = Money.zero(currency)
        for movement in movements {
            total = try total.adding(movement.amount)
            if movement.isCredit && movement.availableAt > now {
                pending = try pending.adding(movement.amount)
            }
        }
        return SellerBalance(total: total, pending: pending, available: try total.subtracting(pending))
    }
}
