import Persistence
public import SQLKit
public import TorvCore

/// Money the shop holds through one payment method in one currency: captured minus refunded minus
/// the provider's fees.
public struct SettledTotal: Sendable, Hashable {
    public let method: PaymentMethodKind
    public let net: Money
    /// Captured minus refunded, before the provider's fees: what the payments' customers are still out of pocket.
    public let kept: Money
}

extension Payments {
    /// Captured minus refunded minus fees per method and currency, over every payment whose reference starts with
    /// `referencePrefix` (`ord_`: payments for orders). The books' clearing and receivable accounts
    /// must show the same.
    public func settledTotals(referencePrefix: String, on db: any SQLDatabase) async throws -> [SettledTotal] {
        try await db.raw(
            """
            SELECT method, currency, CAST(SUM(captured_amount - refunded_amount - fee_amount) AS BIGINT) AS net,
                   CAST(SUM(captured_amount - refunded_amount) AS BIGINT) AS kept
            FROM payments
            WHERE substr(reference, 1, CAST(\(bind: referencePrefix.count) AS INTEGER)) = \(bind: referencePrefix) AND captured_amount > 0
            GROUP BY method, currency ORDER BY method, currency
            """
        ).all().map { row in
            let currency = try row.currency("currency")
            return SettledTotal(
                method: try row.enumeration("method", as: PaymentMethodKind.self, table: "payments"),
                net: Money(minorUnits: try row.decode(column: "net", as: Int64.self), currency: currency),
                kept: Money(minorUnits: try row.decode(column: "kept", as: Int64.self), currency: currency))
        }
    }
}
