import GiftCards
public import Orders
import Promotions
public import SQLKit
public import TorvCore

/// Gift cards and store credit as a tender beside the order's payment: what they paid goes back when
/// the order does not go ahead, and refunds beyond what the card payment can take go back onto them.
public enum GiftCardTenders {
    /// Gives back what the cards paid for an order that was never paid (a declined card, an expired
    /// checkout, a cancellation before payment). Idempotent.
    static func release(_ order: Order, on platform: Platform, db: any SQLDatabase) async throws {
        // The promotions and coupons it used are given back with it.
        try await platform.promotions.release(order.checkoutKey, on: db)
        try await platform.promotions.releaseFlashUnits(order.checkoutKey, on: db)
        guard order.giftCardTotal.isPositive else { return }
        try await platform.giftCards.release(order.checkoutKey, on: db)
    }

    /// What the cards paid for `order` and have not been given back yet.
    public static func outstanding(of order: Order, on platform: Platform, db: any SQLDatabase) async throws -> Money {
        guard order.giftCardTotal.isPositive else { return .zero(order.currency) }
        return try Money.sum(
            try await platform.giftCards.tenders(for: order.checkoutKey, on: db).map(\.outstanding),
            currency: order.currency)
    }

    /// Refunds `amount` of a paid order onto its cards under `key` (once per key) and, unless a return
    /// counts it itself, in the order's refunded total.
    @discardableResult
    static func refund(
        _ amount: Money, of order: Order, key: String, countsOnOrder: Bool = true, on platform: Platform,
        db: any SQLDatabase
    ) async throws -> Money {
        guard amount.isPositive else { return .zero(order.currency) }
        let movements = try await platform.giftCards.refund(amount, to: order.checkoutKey, key: key, on: db)
        if countsOnOrder {
            for movement in movements {
                try await platform.orders.recordRefund(
                    movement.amount, of: order.id, paymentRefundID: movement.id.rawValue, on: db)
            }
        }
        return try Money.sum(movements.map(\.amount), currency: order.currency)
    }
}
