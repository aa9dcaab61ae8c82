import Flows
import Foundation
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Pay by invoice")
struct InvoiceTests {
    @Test(
        "net 30: approved at once with a due date, issued on capture, credit note on refund",
        arguments: TestBackend.allCases)
    func netTerms(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create(50_000, method: .invoice(netDays: 30), reference: "ord_b2b")
            #expect(payment.provider == "invoice")
            #expect(payment.method == .invoice(netDays: 30))
            let authorized = try await h.payments.authorize(payment.id, instrument: .invoice, in: h.database)
            #expect(authorized.status == .authorized)
            #expect(authorized.dueAt == h.env.clock.now.addingTimeInterval(30 * 86_400))
            #expect(try await h.events(PaymentAuthorized.self).map(\.dueAt) == [authorized.dueAt])
            let issued = try await h.payments.capture(payment.id, in: h.database)
            #expect(issued.status == .captured)
            let credited = try await h.payments.refund(
                payment.id, amount: .eur(5_000), reason: "short delivery", key: "cn1", in: h.database)
            #expect(credited.status == .partiallyRefunded)
        }
    }

    @Test("an invoice is cancelled by a void before it is issued", arguments: TestBackend.allCases)
    func cancel(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create(50_000, method: .invoice(netDays: 14))
            _ = try await h.payments.authorize(payment.id, instrument: .invoice, in: h.database)
            #expect(try await h.payments.void(payment.id, in: h.database).status == .voided)
        }
    }
}
