public import Foundation
public import Persistence
public import SQLKit

/// How far the carts opened in a period got: the top of the checkout funnel, from the carts themselves.
public struct CartFunnel: Sendable, Hashable {
    /// Carts opened (merged guest carts are not counted twice).
    public var opened: Int
    /// Carts that reached checkout: the shopper gave an e-mail address.
    public var reachedCheckout: Int
    /// Carts that became an order.
    public var checkedOut: Int
}

extension Checkout {
    public func cartFunnel(opened period: Range<Date>, on db: any SQLDatabase) async throws -> CartFunnel {
        let row = try await db.raw(
            """
            SELECT CAST(COUNT(*) AS BIGINT) AS opened,
                   CAST(COALESCE(SUM(CASE WHEN email IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS contact,
                   CAST(COALESCE(SUM(CASE WHEN status = 'checked_out' THEN 1 ELSE 0 END), 0) AS BIGINT) AS ordered
            FROM checkout_carts
            WHERE created_at >= \(bind: period.lowerBound.epochMicroseconds)
              AND created_at < \(bind: period.upperBound.epochMicroseconds) AND status <> 'merged'
            """
        ).first()
        return CartFunnel(
            opened: try row?.int("opened") ?? 0, reachedCheckout: try row?.int("contact") ?? 0,
            checkedOut: try row?.int("ordered") ?? 0)
    }
}
