import Flows
import Foundation
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Start, perform, record")
struct ThreeStepTests {
    @Test(
        "the outcome is recorded in the caller's transaction, and a duplicate or late record changes nothing",
        arguments: TestBackend.allCases)
    func recordOnce(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let attempt = try await h.database.inTransaction { db in
                try await h.payments.startAuthorization(payment.id, instrument: .card(token: TestCard.approves), on: db)
            }
            #expect(attempt.idempotencyKey == attempt.id.rawValue)
            let outcome = await h.payments.perform(attempt)
            guard case .succeeded = outcome else {
                Issue.record("expected approval, got \(outcome)")
                return
            }
            // The provider answers a repeated call with the first answer (same idempotency key).
            #expect(await h.payments.perform(attempt) == outcome)

            // A flow records the outcome next to its own change; a failure after it rolls both back.
            await #expect(throws: RolledBack.self) {
                try await h.database.inTransaction { db in
                    _ = try await h.payments.record(outcome, of: attempt, on: db)
                    throw RolledBack()
                }
            }
            #expect(try await h.payment(payment.id).status == .pending)

            let first = try await h.database.inTransaction { db in
                try await h.payments.record(outcome, of: attempt, on: db)
            }
            let again = try await h.database.inTransaction { db in
                try await h.payments.record(outcome, of: attempt, on: db)
            }
            let late = try await h.database.inTransaction { db in
                try await h.payments.record(.declined(reason: .cardDeclined), of: attempt, on: db)
            }
            #expect(first.status == .authorized)
            #expect(again == first)
            #expect(late == first)
            #expect(try await h.eventTypes() == ["payment.authorized"])
        }
    }

    @Test("a second authorisation cannot start while one is in flight", arguments: TestBackend.allCases)
    func oneInFlight(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            _ = try await h.database.inTransaction { db in
                try await h.payments.startAuthorization(payment.id, instrument: .card(token: TestCard.approves), on: db)
            }
            await #expect(throws: PaymentError.operationInProgress) {
                try await h.database.inTransaction { db in
                    try await h.payments.startAuthorization(
                        payment.id, instrument: .card(token: TestCard.approves), on: db)
                }
            }
        }
    }

    @Test("only the card's last four digits are stored", arguments: TestBackend.allCases)
    func noCardNumbers(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            _ = try await h.authorized()
            let stored = try await h.database.read { db in
                try await db.raw("SELECT card_last4 FROM payment_attempts").all().map {
                    try $0.decode(column: "card_last4", as: String?.self)
                }
            }
            #expect(stored == ["4242"])
        }
    }
}

struct RolledBack: Error {}
