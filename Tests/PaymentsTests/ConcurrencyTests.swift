import Flows
import Foundation
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Many callers at once against one payment. The invariants must hold on both backends: on SQLite
/// through the single writer, on PostgreSQL through guarded updates and unique keys under READ COMMITTED.
@Suite("Payment concurrency")
struct PaymentConcurrencyTests {
    @Test("32 concurrent captures, from two pools: exactly one succeeds", arguments: TestBackend.allCases)
    func captures(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.authorized(10_000)
            let other = try await h.env.openAnotherPool()
            let databases = [h.database, other]
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<32 {
                    group.addTask {
                        do {
                            _ = try await h.payments.capture(
                                payment.id, amount: .eur(5_000 + Int64(index)), in: databases[index % 2])
                            return "captured"
                        } catch let error as PaymentError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            await other.shutdown()
            #expect(outcomes.filter { $0 == "captured" }.count == 1)
            #expect(Set(outcomes).isSubset(of: ["captured", "already_captured", "operation_in_progress"]))
            let stored = try await h.payment(payment.id)
            #expect(stored.status == .captured)
            #expect((5_000..<5_032).contains(stored.capturedAmount.amount))
            let captures = try await h.attempts(payment.id).filter { $0.attempt.kind == .capture }
            #expect(captures.map(\.status) == [.succeeded])
            #expect(try await h.events(PaymentCaptured.self).count == 1)
            #expect(try await h.violations() == [])
        }
    }

    @Test(
        "25 concurrent partial refunds of a 10,000 capture: exactly 10 of 1,000 succeed",
        arguments: TestBackend.allCases)
    func refunds(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.captured(10_000)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<25 {
                    group.addTask {
                        do {
                            _ = try await h.payments.refund(
                                payment.id, amount: .eur(1_000), reason: "goodwill", key: "refund-\(index)",
                                in: h.database)
                            return "refunded"
                        } catch let error as PaymentError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "refunded" }.count == 10)
            #expect(Set(outcomes).isSubset(of: ["refunded", "refund_exceeds_capture", "invalid_state_transition"]))
            let stored = try await h.payment(payment.id)
            #expect(stored.status == .refunded)
            #expect(stored.refundedAmount == .eur(10_000))
            #expect(stored.refundingAmount == .eur(0))
            #expect(try await h.events(PaymentRefunded.self).count == 10)
            #expect(try await h.violations() == [])
        }
    }

    @Test("uneven concurrent refunds never exceed the capture", arguments: TestBackend.allCases)
    func unevenRefunds(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.captured(10_000)
            let amounts: [Int64] = [3_000, 2_500, 4_000, 1_500, 700, 3_300, 900, 2_100, 1_200, 800, 4_400, 600]
            let granted = try await withThrowingTaskGroup(of: Int64.self) { group in
                for (index, amount) in amounts.enumerated() {
                    group.addTask {
                        do {
                            _ = try await h.payments.refund(
                                payment.id, amount: .eur(amount), reason: "goodwill", key: "k\(index)", in: h.database)
                            return amount
                        } catch PaymentError.refundExceedsCapture, PaymentError.invalidStateTransition {
                            return 0
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            let stored = try await h.payment(payment.id)
            #expect(granted <= 10_000)
            #expect(stored.refundedAmount.amount == granted)
            #expect(stored.status == (granted == 10_000 ? .refunded : .partiallyRefunded))
            #expect(try await h.violations() == [])
        }
    }
}
