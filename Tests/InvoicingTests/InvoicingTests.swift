import Flows
import Foundation
import Invoicing
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

extension Money {
    fileprivate static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
}

@Suite("Customer invoices")
struct InvoicingTests {
    static let actor = AuditActor(kind: "staff", id: "stf_accountant")

    static func draft(order: String?, company: String = "comp_1", at date: Date, terms: Int = 30) -> InvoiceDraft {
        InvoiceDraft(
            orderID: order, customerID: "cus_1", companyID: company, billTo: "Nordic Office AB, Malmö",
            currency: .eur, issuedAt: date, paymentTermsDays: terms,
            lines: [
                InvoiceLine(
                    description: "Desk", sku: "DESK", quantity: 2, net: .eur(40_000), vatRate: 2_500, vat: .eur(10_000)),
                InvoiceLine(
                    description: "Shipping", sku: nil, quantity: 1, net: .eur(800), vatRate: 2_500, vat: .eur(200)),
            ])
    }

    @Test("ageing buckets by whole days past due")
    func ageingBuckets() {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        let cases: [(Double, Ageing.Bucket)] = [
            (-5, .current), (0, .current), (0.9, .current), (1, .days1To30), (30, .days1To30), (31, .days31To60),
            (60, .days31To60), (61, .days61To90), (90, .days61To90), (91, .over90), (400, .over90),
        ]
        for (days, bucket) in cases {
            #expect(Ageing.bucket(due: due, asOf: due.addingTimeInterval(days * 86_400)) == bucket, "\(days) days")
        }
    }

    @Test(
        "one invoice per order, numbered from a gapless series even when twenty are issued at once",
        arguments: TestBackend.allCases)
    func gaplessNumbers(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let invoicing = env.platform().invoicing
            let now = env.clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        _ = try await env.database.inTransaction { db in
                            try await invoicing.issue(Self.draft(order: "ord_\(index % 10)", at: now), on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let invoices = try await env.database.read { db in try await invoicing.invoices(limit: 100, on: db) }
            #expect(invoices.count == 10)
            #expect(Set(invoices.map(\.number)) == Set((1...10).map { String(format: "INV-%06d", $0) }))
            #expect(invoices.allSatisfy { $0.total == .eur(51_000) && $0.status == .open })
            #expect(invoices.first?.dueAt == now.addingTimeInterval(30 * 86_400))
        }
    }

    @Test(
        "concurrent payments never take more than is open; a bank reference records once",
        arguments: TestBackend.allCases)
    func payments(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let invoicing = env.platform().invoicing
            let issued = try await env.database.inTransaction { db in
                try await invoicing.issue(Self.draft(order: "ord_pay", at: env.clock.now), on: db).invoice
            }
            let now = env.clock.now
            // Twelve payments of 5 000 against 51 000: ten fit, two are refused.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await env.database.inTransaction { db in
                                try await invoicing.recordPayment(
                                    issued.id, amount: .eur(5_000), receivedAt: now, reference: "bank-\(index)",
                                    by: Self.actor, on: db)
                            }
                            return true
                        } catch InvoicingError.paymentExceedsOpenAmount {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 10)
            let again = try await env.database.inTransaction { db in
                try await invoicing.recordPayment(
                    issued.id, amount: .eur(1_000), receivedAt: now, reference: "bank-20", by: Self.actor, on: db)
            }
            let twice = try await env.database.inTransaction { db in
                try await invoicing.recordPayment(
                    issued.id, amount: .eur(1_000), receivedAt: now, reference: "bank-20", by: Self.actor, on: db)
            }
            #expect(twice.payment.id == again.payment.id)
            #expect(twice.invoice.paid == .eur(51_000) && twice.invoice.status == .paid)
            let ageing = try await env.database.read { db in
                try await invoicing.ageing(asOf: now.addingTimeInterval(45 * 86_400), on: db)
            }
            #expect(ageing.totals.isEmpty)
        }
    }

    @Test("ageing and what a company owes read the open invoices", arguments: TestBackend.allCases)
    func openAmounts(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let invoicing = env.platform().invoicing
            let now = env.clock.now
            try await env.database.inTransaction { db in
                _ = try await invoicing.issue(
                    Self.draft(order: "ord_a", at: now.addingTimeInterval(-75 * 86_400)), on: db)
                _ = try await invoicing.issue(Self.draft(order: "ord_b", at: now), on: db)
                _ = try await invoicing.issue(Self.draft(order: "ord_c", company: "comp_2", at: now), on: db)
            }
            let ageing = try await env.database.read { db in try await invoicing.ageing(asOf: now, on: db) }
            #expect(ageing.totals[.eur]?[.days31To60] == 51_000)
            #expect(ageing.totals[.eur]?[.current] == 102_000)
            let owed = try await env.database.read { db in try await invoicing.outstanding(companyID: "comp_1", on: db)
            }
            #expect(owed == [.eur(102_000)])
            await #expect(throws: ValidationError.self) {
                try await env.database.inTransaction { db in
                    var bad = Self.draft(order: "ord_d", at: now)
                    bad.lines = []
                    _ = try await invoicing.issue(bad, on: db)
                }
            }
        }
    }
}
