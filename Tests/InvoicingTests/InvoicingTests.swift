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

    @Test("reminder levels fall due a week, three weeks and 45 days after the due date")
    func reminderLevels() {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        for (days, level) in [(-3.0, 0), (6.9, 0), (7, 1), (20, 1), (21, 2), (44.5, 2), (45, 3), (400, 3)] {
            #expect(ReminderSchedule.level(due: due, asOf: due.addingTimeInterval(days * 86_400)) == level, "\(days)")
        }
    }

    @Test(
        "reminders are announced once per level, even by two workers at once, and never for paid invoices",
        arguments: TestBackend.allCases)
    func reminders(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let invoicing = env.platform().invoicing
            let now = env.clock.now
            let (late, paid) = try await env.database.inTransaction { db in
                (
                    try await invoicing.issue(Self.draft(order: "ord_late", at: now), on: db).invoice,
                    try await invoicing.issue(Self.draft(order: "ord_paid", at: now), on: db).invoice
                )
            }
            _ = try await env.database.inTransaction { db in
                try await invoicing.recordPayment(
                    paid.id, amount: paid.total, receivedAt: now, reference: "BG 9", by: Self.actor, on: db)
            }
            func remind(daysPastDue: Double) async throws -> [InvoiceReminderDue] {
                let asOf = late.dueAt.addingTimeInterval(daysPastDue * 86_400)
                return try await env.database.inTransaction { db in
                    try await invoicing.sendReminders(asOf: asOf, on: db)
                }
            }
            #expect(try await remind(daysPastDue: 6).isEmpty)
            let first = try await withThrowingTaskGroup(of: [InvoiceReminderDue].self) { group in
                for _ in 0..<2 { group.addTask { try await remind(daysPastDue: 8) } }
                return try await group.reduce(into: [InvoiceReminderDue]()) { $0 += $1 }
            }
            #expect(first.map(\.level) == [1] && first.first?.invoiceID == late.id && first.first?.daysPastDue == 8)
            #expect(first.first?.open == late.total)
            #expect(try await remind(daysPastDue: 9).isEmpty)
            // The job did not run for weeks: the final reminder comes, not the one skipped.
            #expect(try await remind(daysPastDue: 50).map(\.level) == [3])
            #expect(try await remind(daysPastDue: 90).isEmpty)
            let announced = try await env.database.read { db in
                try await env.platform().outbox.history(limit: 100, on: db)
            }.filter { $0.type == InvoiceReminderDue.eventType }
            #expect(announced.count == 2)
        }
    }

    @Test(
        "credit notes at once never credit more than the invoice, post once per source and number without gaps",
        arguments: TestBackend.allCases)
    func concurrentCredits(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let invoicing = env.platform().invoicing
            let now = env.clock.now
            let invoice = try await env.database.inTransaction { db in
                try await invoicing.issue(Self.draft(order: "ord_credit", at: now), on: db).invoice
            }
            // Ten refunds of 60.00 (each delivered twice) against 510.00: eight fit.
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            let note = try await env.database.inTransaction { db in
                                try await invoicing.issueCreditNote(
                                    CreditNoteDraft(
                                        invoiceID: invoice.id, sourceKey: "refund:r\(index % 10)", reason: "Refund",
                                        issuedAt: now,
                                        lines: [CreditNoteLine(vatRate: 2_500, net: .eur(4_800), vat: .eur(1_200))]),
                                    on: db)
                            }
                            return note.creditNote.number
                        } catch let error as InvoicingError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let notes = try await env.database.read { db in try await invoicing.creditNotes(of: invoice.id, on: db) }
            #expect(notes.count == 8)
            #expect(Set(notes.map(\.number)) == Set((1...8).map { String(format: "CN-%06d", $0) }))
            #expect(Set(notes.map(\.sourceKey)).count == 8)
            #expect(outcomes.filter { $0 == "credit_exceeds_invoice" }.count >= 2)
            let credited = try await env.database.read { db in try await invoicing.invoice(invoice.id, on: db) }
            #expect(credited.credited == .eur(48_000) && credited.open == .eur(3_000))
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
