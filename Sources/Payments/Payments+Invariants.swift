import Persistence
public import SQLKit
import TorvCore

extension Payments {
    /// Checks every payment's amounts against its attempts (the journal of provider calls), for
    /// `torv audit` and tests. An empty list means the books agree.
    public func verifyInvariants(on db: any SQLDatabase) async throws -> [PaymentViolation] {
        var violations: [PaymentViolation] = []
        let checks: [(PaymentViolation.Kind, String, String)] = [
            (.authorizedDiffersFromAttempts, "authorized_amount", "a.kind = 'authorize' AND a.status = 'succeeded'"),
            (.capturedDiffersFromAttempts, "captured_amount", "a.kind = 'capture' AND a.status = 'succeeded'"),
            (.refundedDiffersFromAttempts, "refunded_amount", "a.kind = 'refund' AND a.status = 'succeeded'"),
            (
                .refundingDiffersFromAttempts, "refunding_amount",
                "a.kind = 'refund' AND a.status IN ('pending', 'requires_action', 'unknown')"
            ),
        ]
        for (kind, column, attempts) in checks {
            // The column and condition are constants above, never input. PostgreSQL sums BIGINTs as NUMERIC.
            let rows = try await db.raw(
                SQLQueryString(
                    """
                    SELECT p.id, p.\(column) AS recorded, CAST(COALESCE(SUM(a.amount), 0) AS BIGINT) AS expected
                    FROM payments p LEFT JOIN payment_attempts a ON a.payment_id = p.id AND \(attempts)
                    GROUP BY p.id, p.\(column)
                    HAVING p.\(column) <> COALESCE(SUM(a.amount), 0)
                    ORDER BY p.id
                    """)
            ).all()
            for row in rows {
                violations.append(
                    PaymentViolation(
                        kind: kind, paymentID: try row.id("id", as: PaymentID.self, table: "payments"),
                        recorded: try row.decode(column: "recorded", as: Int64.self),
                        expected: try row.decode(column: "expected", as: Int64.self)))
            }
        }
        let dangling = try await db.raw(
            """
            SELECT p.id FROM payments p
            WHERE p.operation_in_flight IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM payment_attempts a
                WHERE a.id = p.operation_in_flight AND a.payment_id = p.id
                  AND a.status IN ('pending', 'requires_action', 'unknown'))
            ORDER BY p.id
            """
        ).all()
        for row in dangling {
            violations.append(
                PaymentViolation(
                    kind: .inFlightWithoutOpenAttempt,
                    paymentID: try row.id("id", as: PaymentID.self, table: "payments"),
                    recorded: 1, expected: 0))
        }
        return violations
    }
}
