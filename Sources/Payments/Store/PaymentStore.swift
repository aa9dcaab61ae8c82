import Foundation
import Persistence
import SQLKit
import TorvCore

/// SQL for the `payments` table. Internal: other modules see payments only through ``Payments``.
enum PaymentStore {
    static let columns = SQLRaw(
        """
        id, reference, method, net_days, provider, customer_id, currency, amount, status, authorized_amount,
        captured_amount, refunded_amount, refunding_amount, operation_in_flight, provider_reference, challenge_url,
        failure_reason, due_at, created_at, updated_at, fee_amount
        """)

    static func insert(
        _ id: PaymentID, _ new: NewPayment, provider: String, now: Date, on db: any SQLDatabase
    ) async throws {
        let netDays: Int? =
            switch new.method {
            case .card: nil
            case .invoice(let days): days
            }
        try await db.raw(
            """
            INSERT INTO payments (id, reference, method, net_days, provider, customer_id, currency, amount, status,
                authorized_amount, captured_amount, refunded_amount, refunding_amount, created_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: new.reference), \(bind: new.method.kind.rawValue), \(bind: netDays),
                    \(bind: provider), \(bind: new.customerID), \(bind: new.amount.currency.code),
                    \(bind: new.amount.amount), 'pending', 0, 0, 0, 0, \(bind: now.epochMicroseconds),
                    \(bind: now.epochMicroseconds))
            """
        ).run()
    }

    /// The payment; with `locked`, its row stays locked until the transaction ends (PostgreSQL; SQLite's
    /// single writer already excludes everyone else). `NO KEY UPDATE` rather than `UPDATE`: refunds starting
    /// at the same time hold a key-share lock through their attempt row's foreign key, and must not be made
    /// to wait for (or deadlock with) a recording.
    static func payment(_ id: PaymentID, locked: Bool = false, on db: any SQLDatabase) async throws -> Payment? {
        let lock = locked && db.backend == .postgres ? SQLRaw("FOR NO KEY UPDATE") : SQLRaw("")
        return try await db.raw("SELECT \(columns) FROM payments WHERE id = \(bind: id.rawValue) \(lock)")
            .first().map(Payment.init(row:))
    }

    /// The payment and the operation it waits for, from one row read: two reads could straddle another
    /// operation's completion and see "authorised" and "nothing in flight" at once.
    static func paymentAndFlight(
        _ id: PaymentID, on db: any SQLDatabase
    ) async throws -> (payment: Payment, inFlight: PaymentAttemptID?)? {
        guard let row = try await db.raw("SELECT \(columns) FROM payments WHERE id = \(bind: id.rawValue)").first()
        else { return nil }
        return (
            try Payment(row: row),
            try row.optionalID("operation_in_flight", as: PaymentAttemptID.self, table: "payments")
        )
    }

    static func payments(forReference reference: String, on db: any SQLDatabase) async throws -> [Payment] {
        try await db.raw("SELECT \(columns) FROM payments WHERE reference = \(bind: reference) ORDER BY id")
            .all().map(Payment.init(row:))
    }

    /// Marks an authorisation, capture or void as in flight, in one guarded statement whose WHERE restates
    /// the state machine's precondition: false when the payment is in another status, another call is in
    /// flight, or (capture) `atMost` exceeds the authorised amount.
    static func begin(
        _ kind: PaymentOperationKind, of id: PaymentID, attempt: PaymentAttemptID, amount: Int64, now: Date,
        on db: any SQLDatabase
    ) async throws -> Bool {
        let statuses = (PaymentStatus.starting[kind] ?? []).map(\.rawValue).sorted()
        // Only a capture is bounded by the authorisation; for the others the condition is 0 <= authorised.
        let bounded = kind == .capture ? amount : 0
        return try await !db.raw(
            """
            UPDATE payments SET operation_in_flight = \(bind: attempt.rawValue), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status IN (\(binds: statuses)) AND operation_in_flight IS NULL
              AND \(bind: bounded) <= authorized_amount
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Promises `amount` of the captured money to a refund in flight; false when that would take refunds
    /// (made and in flight) past the captured amount. Concurrent refunds each pass this guard against the
    /// newest row, so their sum can never exceed the capture (and a CHECK says so again).
    static func reserveRefund(
        _ amount: Int64, of id: PaymentID, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE payments SET refunding_amount = refunding_amount + \(bind: amount),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status IN ('captured', 'partially_refunded')
              AND refunded_amount + refunding_amount + \(bind: amount) <= captured_amount
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Writes the state computed under the row lock taken by ``payment(_:locked:on:)``.
    static func save(_ payment: Payment, inFlight: PaymentAttemptID?, on db: any SQLDatabase) async throws {
        let challenge: String? =
            switch payment.nextAction {
            case .challenge(let url): url
            case nil: nil
            }
        try await db.raw(
            """
            UPDATE payments SET status = \(bind: payment.status.rawValue),
                authorized_amount = \(bind: payment.authorizedAmount.amount),
                captured_amount = \(bind: payment.capturedAmount.amount),
                refunded_amount = \(bind: payment.refundedAmount.amount),
                refunding_amount = \(bind: payment.refundingAmount.amount),
                fee_amount = \(bind: payment.feeAmount.amount),
                operation_in_flight = \(bind: inFlight?.rawValue), provider_reference = \(bind: payment.providerReference),
                challenge_url = \(bind: challenge), failure_reason = \(bind: payment.failureReason?.rawValue),
                due_at = \(bind: payment.dueAt?.epochMicroseconds), updated_at = \(bind: payment.updatedAt.epochMicroseconds)
            WHERE id = \(bind: payment.id.rawValue)
            """
        ).run()
    }

    static func operationInFlight(of id: PaymentID, on db: any SQLDatabase) async throws -> PaymentAttemptID? {
        try await db.raw("SELECT operation_in_flight FROM payments WHERE id = \(bind: id.rawValue)")
            .first()?.optionalID("operation_in_flight", as: PaymentAttemptID.self, table: "payments")
    }
}

extension Payment {
    init(row: any SQLRow) throws {
        let currency = try row.currency("currency")
        func money(_ column: String) throws -> Money {
            Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency)
        }
        let method: PaymentMethod =
            switch try row.string("method") {
            case "invoice": .invoice(netDays: try row.optionalInt("net_days") ?? 0)
            default: .card
            }
        self.init(
            id: try row.id("id", as: PaymentID.self, table: "payments"), reference: try row.string("reference"),
            method: method, provider: try row.string("provider"), customerID: try row.optionalString("customer_id"),
            amount: try money("amount"),
            status: try row.enumeration("status", as: PaymentStatus.self, table: "payments"),
            authorizedAmount: try money("authorized_amount"), capturedAmount: try money("captured_amount"),
            refundedAmount: try money("refunded_amount"), refundingAmount: try money("refunding_amount"),
            feeAmount: try money("fee_amount"),
            providerReference: try row.optionalString("provider_reference"),
            nextAction: try row.optionalString("challenge_url").map { .challenge(url: $0) },
            failureReason: try row.optionalString("failure_reason").map(DeclineReason.init(rawValue:)),
            dueAt: try row.optionalDate("due_at"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }
}
