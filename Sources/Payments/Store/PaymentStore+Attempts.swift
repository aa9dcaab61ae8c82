import Foundation
import Persistence
import SQLKit
import TorvCore

extension PaymentStore {
    static let attemptColumns = SQLRaw(
        """
        a.id, a.payment_id, a.kind, a.status, a.provider, a.amount, a.authorization_reference, a.net_days,
        a.refund_id, a.refund_reason, a.refund_key, a.provider_reference, a.failure_reason, a.created_at,
        a.updated_at, p.currency
        """)

    /// Inserts a pending attempt. For refunds, false when the payment already has a refund with this key
    /// (the unique key decides, not a prior read).
    static func insertAttempt(
        _ attempt: PaymentAttempt, refund: (reason: String, key: String)? = nil, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            INSERT INTO payment_attempts (id, payment_id, kind, status, provider, amount, authorization_reference,
                card_last4, net_days, refund_id, refund_reason, refund_key, created_at, updated_at)
            VALUES (\(bind: attempt.id.rawValue), \(bind: attempt.paymentID.rawValue), \(bind: attempt.kind.rawValue),
                    'pending', \(bind: attempt.provider), \(bind: attempt.amount.amount),
                    \(bind: attempt.authorizationReference), \(bind: attempt.instrument?.lastFour),
                    \(bind: attempt.netDays), \(bind: attempt.refundID?.rawValue), \(bind: refund?.reason),
                    \(bind: refund?.key), \(bind: attempt.startedAt.epochMicroseconds),
                    \(bind: attempt.startedAt.epochMicroseconds))
            ON CONFLICT DO NOTHING
            RETURNING id
            """
        ).all().isEmpty
    }

    static func attempt(_ id: PaymentAttemptID, on db: any SQLDatabase) async throws -> PaymentAttemptRecord? {
        try await db.raw(
            """
            SELECT \(attemptColumns) FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
            WHERE a.id = \(bind: id.rawValue)
            """
        ).first().map(PaymentAttemptRecord.init(row:))
    }

    static func refundAttempt(
        of payment: PaymentID, key: String, on db: any SQLDatabase
    ) async throws -> PaymentAttemptRecord? {
        try await db.raw(
            """
            SELECT \(attemptColumns) FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
            WHERE a.payment_id = \(bind: payment.rawValue) AND a.refund_key = \(bind: key)
            """
        ).first().map(PaymentAttemptRecord.init(row:))
    }

    static func attempts(
        of payment: PaymentID, kind: PaymentOperationKind? = nil, on db: any SQLDatabase
    ) async throws -> [PaymentAttemptRecord] {
        try await db.raw(
            """
            SELECT \(attemptColumns) FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
            WHERE a.payment_id = \(bind: payment.rawValue)
              AND (\(bind: kind?.rawValue) IS NULL OR a.kind = \(bind: kind?.rawValue ?? ""))
            ORDER BY a.id
            """
        ).all().map(PaymentAttemptRecord.init(row:))
    }

    /// Moves an attempt from the status its caller read to `status`, in one compare-and-set; false when
    /// someone else recorded an outcome first. This is the guard that makes a late, duplicate or
    /// out-of-order answer change nothing.
    static func settle(
        _ id: PaymentAttemptID, from current: PaymentAttemptStatus, to status: PaymentAttemptStatus,
        providerReference: String?, failure: DeclineReason?, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE payment_attempts SET status = \(bind: status.rawValue),
                provider_reference = COALESCE(\(bind: providerReference), provider_reference),
                failure_reason = \(bind: failure?.rawValue), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = \(bind: current.rawValue)
              AND status IN ('pending', 'requires_action', 'unknown')
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Records a webhook event's ID; false when it was recorded before (the primary key decides).
    static func receiveEvent(
        provider: String, id: String, attempt: PaymentAttemptID?, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            INSERT INTO payment_webhook_events (provider, event_id, attempt_id, outcome, received_at)
            VALUES (\(bind: provider), \(bind: id), \(bind: attempt?.rawValue), 'received', \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING
            RETURNING event_id
            """
        ).all().isEmpty
    }

    static func markEvent(provider: String, id: String, applied: Bool, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE payment_webhook_events SET outcome = \(bind: applied ? "applied" : "stale")
            WHERE provider = \(bind: provider) AND event_id = \(bind: id)
            """
        ).run()
    }
}

extension PaymentAttemptRecord {
    init(row: any SQLRow) throws {
        let currency = try row.currency("currency")
        let kind = try row.enumeration("kind", as: PaymentOperationKind.self, table: "payment_attempts")
        let attempt = PaymentAttempt(
            id: try row.id("id", as: PaymentAttemptID.self, table: "payment_attempts"),
            paymentID: try row.id("payment_id", as: PaymentID.self, table: "payment_attempts"), kind: kind,
            provider: try row.string("provider"),
            amount: Money(minorUnits: try row.decode(column: "amount", as: Int64.self), currency: currency),
            authorizationReference: try row.optionalString("authorization_reference"),
            refundID: try row.optionalID("refund_id", as: RefundID.self, table: "payment_attempts"),
            instrument: nil, netDays: try row.optionalInt("net_days"), startedAt: try row.date("created_at"))
        self.init(
            attempt: attempt,
            status: try row.enumeration("status", as: PaymentAttemptStatus.self, table: "payment_attempts"),
            providerReference: try row.optionalString("provider_reference"),
            failureReason: try row.optionalString("failure_reason").map(DeclineReason.init(rawValue:)),
            refundReason: try row.optionalString("refund_reason"), refundKey: try row.optionalString("refund_key"),
            updatedAt: try row.date("updated_at"))
    }
}
