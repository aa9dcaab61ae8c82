import Checkout
import Customers
import Flows
import Foundation
import Invoicing
import Ledger
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

/// A B2B sale on terms: invoiced when paid by invoice, then paid into the bank; the books follow.
@Suite("Receivables across modules")
struct ReceivablesFlowTests {
    /// Gives the buyer's company a credit limit in EUR minor units; returns the company's ID and its
    /// limit as stored.
    static func setCreditLimit(
        _ limit: Int64, of acme: B2BCheckoutTests.Company, on platform: Platform
    ) async throws -> (id: CompanyID, creditLimit: Money?) {
        try await platform.database.inTransaction { db in
            let membership = try #require(try await platform.customers.membership(of: acme.buyer, on: db))
            let company = try await platform.customers.company(membership.companyID, on: db)
            _ = try await platform.customers.updateCompany(
                company.id,
                to: CompanyDraft(
                    legalName: company.legalName, vatID: company.vatID, billingAddress: company.billingAddress,
                    paymentTermsDays: company.paymentTermsDays, creditLimit: Money(minorUnits: limit, currency: .eur),
                    priceListID: company.priceListID, status: company.status), by: TestShop.actor, on: db)
            let changed = try await platform.customers.company(membership.companyID, on: db)
            return (changed.id, changed.creditLimit)
        }
    }

    @Test(
        "an order paid by invoice is invoiced once; paying the invoice moves receivables to the bank",
        arguments: TestBackend.allCases)
    func invoiceThenPayment(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let acme = try await B2BCheckoutTests.company(on: platform)
            env.clock.advance(by: 60)
            let cart = try await B2BCheckoutTests.cart(shop, tees: 1, for: acme.buyer, on: platform)
            let placed = try await OrderPlacement.checkOut(
                cart, access: .customer(acme.buyer), key: "terms", payment: .invoice, on: platform)
            #expect(placed.order.status == .paid)
            let invoice = try #require(
                try await platform.database.read { db in
                    try await platform.invoicing.invoice(forOrder: placed.order.id.rawValue, on: db)
                })
            #expect(invoice.total == placed.order.totals.grandTotal)
            #expect(invoice.number == "INV-000001")
            #expect(invoice.dueAt == env.clock.now.addingTimeInterval(30 * 86_400))
            #expect(invoice.lines.map(\.vat.amount).reduce(0, +) == placed.order.totals.tax.amount)

            try await BookkeepingTests.deliver(platform)
            var books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.receivables] == invoice.total.amount)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            env.clock.advance(by: 20 * 86_400)
            let part = Money(minorUnits: invoice.total.amount / 2, currency: invoice.total.currency)
            _ = try await platform.database.inTransaction { db in
                try await platform.invoicing.recordPayment(
                    invoice.id, amount: part, receivedAt: env.clock.now, reference: "BG 123", by: TestShop.actor, on: db
                )
            }
            try await BookkeepingTests.deliver(platform)
            books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.receivables] == invoice.total.amount - part.amount)
            #expect(books[DefaultChart.bank] == part.amount)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
            let owed = try await platform.database.read { db in
                try await platform.invoicing.ageing(asOf: env.clock.now.addingTimeInterval(15 * 86_400), on: db)
            }
            #expect(owed.totals[invoice.total.currency]?[.days1To30] == invoice.total.amount - part.amount)
        }
    }

    @Test(
        "refunds on an invoice sale issue credit notes, once each, with the VAT the books give back",
        arguments: TestBackend.allCases)
    func creditNotes(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let acme = try await B2BCheckoutTests.company(on: platform)
            env.clock.advance(by: 60)
            // One tee: within the buyer's approval limit, so the order is paid (and invoiced) at once.
            let cart = try await B2BCheckoutTests.cart(shop, tees: 1, for: acme.buyer, on: platform)
            let placed = try await OrderPlacement.checkOut(
                cart, access: .customer(acme.buyer), key: "terms-cn", payment: .invoice, on: platform)
            let order = placed.order
            let invoice = try #require(
                try await platform.database.read { db in
                    try await platform.invoicing.invoice(forOrder: order.id.rawValue, on: db)
                })
            let half = Money(minorUnits: invoice.total.amount / 2, currency: invoice.total.currency)
            _ = try await platform.database.inTransaction { db in
                try await platform.invoicing.recordPayment(
                    invoice.id, amount: half, receivedAt: env.clock.now, reference: "BG 1", by: TestShop.actor, on: db)
            }
            _ = try await AfterSale.refund(
                order.id, amount: Money(minorUnits: 1_000, currency: order.currency), reason: "Late delivery",
                key: "goodwill", by: TestShop.actor, on: platform)
            try await BookkeepingTests.deliver(platform)
            var notes = try await platform.database.read { db in
                try await platform.invoicing.creditNotes(of: invoice.id, on: db)
            }
            #expect(notes.map(\.number) == ["CN-000001"])
            #expect(notes.first?.total.amount == 1_000 && notes.first?.reason == "Late delivery")
            // The note's VAT is exactly what the books took back from output VAT for the refund.
            let books = try await BookkeepingTests.balances(platform)
            let noteVAT = notes.flatMap(\.lines).map(\.vat.amount).reduce(0, +)
            #expect(noteVAT > 0 && (books[DefaultChart.vatPayable] ?? 0) == -(order.totals.tax.amount - noteVAT))
            var current = try await platform.database.read { db in
                try await platform.invoicing.invoice(invoice.id, on: db)
            }
            #expect(current.open.amount == invoice.total.amount - half.amount - 1_000)
            #expect(current.status == .partiallyPaid)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            // Cancelling refunds the rest: the customer paid half of a now fully credited invoice, so
            // the customer is in credit, in the invoice and in the books alike.
            _ = try await AfterSale.cancel(order.id, reason: "Wrong order", by: TestShop.actor, on: platform)
            try await BookkeepingTests.deliver(platform)
            notes = try await platform.database.read { db in
                try await platform.invoicing.creditNotes(of: invoice.id, on: db)
            }
            #expect(notes.map(\.number) == ["CN-000001", "CN-000002"])
            current = try await platform.database.read { db in try await platform.invoicing.invoice(invoice.id, on: db)
            }
            #expect(current.credited == invoice.total && current.open.amount == -half.amount)
            #expect(try await BookkeepingTests.balances(platform)[DefaultChart.receivables] == -half.amount)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
            // A payment on a fully credited invoice is refused.
            await #expect(throws: InvoicingError.self) {
                try await platform.database.inTransaction { db in
                    try await platform.invoicing.recordPayment(
                        invoice.id, amount: Money(minorUnits: 1, currency: invoice.total.currency),
                        receivedAt: env.clock.now,
                        reference: "BG 2", by: TestShop.actor, on: db)
                }
            }
        }
    }

    @Test(
        "an invoice order beyond the company's credit (open invoices included) is refused; card still works",
        arguments: TestBackend.allCases)
    func creditLimit(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let acme = try await B2BCheckoutTests.company(on: platform)
            // 60.00 EUR of credit; one tee (19.99 with 4.90 shipping) fits twice, not three times.
            let company = try await Self.setCreditLimit(6_000, of: acme, on: platform)
            #expect(company.creditLimit == Money(minorUnits: 6_000, currency: .eur))
            env.clock.advance(by: 60)
            for key in ["one", "two"] {
                let cart = try await B2BCheckoutTests.cart(shop, tees: 1, for: acme.buyer, on: platform)
                let placed = try await OrderPlacement.checkOut(
                    cart, access: .customer(acme.buyer), key: key, payment: .invoice, on: platform)
                #expect(placed.order.status == .paid)
            }
            let third = try await B2BCheckoutTests.cart(shop, tees: 1, for: acme.buyer, on: platform)
            await #expect {
                _ = try await OrderPlacement.checkOut(
                    third, access: .customer(acme.buyer), key: "three", payment: .invoice, on: platform)
            } throws: { error in
                guard case CheckoutFlowError.creditLimitExceeded(let available) = error else { return false }
                return available.amount < 2_489
            }
            let byCard = try await OrderPlacement.checkOut(
                third, access: .customer(acme.buyer), key: "three-card", payment: .card(number: TestCard.approves),
                on: platform)
            #expect(byCard.order.status == .paid)
        }
    }

    @Test(
        "six invoice orders of one company at once: no more are accepted than its credit allows",
        arguments: TestBackend.allCases)
    func concurrentCredit(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let acme = try await B2BCheckoutTests.company(on: platform)
            let acmeCompany = try await Self.setCreditLimit(6_000, of: acme, on: platform)
            // Six buyers of the company, one cart each (a customer has one cart).
            var buyers: [(String, CartID)] = []
            for index in 0..<6 {
                let buyer = try await B2BCheckoutTests.customer("buyer\(index)@acme.example", on: platform)
                try await platform.database.inTransaction { db in
                    _ = try await platform.customers.addBuyer(
                        acmeCompany.id, customerID: buyer, role: .buyer,
                        approvalLimit: Money(minorUnits: 10_000, currency: .eur), by: TestShop.actor, on: db)
                }
                buyers.append((buyer, try await B2BCheckoutTests.cart(shop, tees: 1, for: buyer, on: platform)))
            }
            env.clock.advance(by: 60)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for (index, (buyer, cart)) in buyers.enumerated() {
                    group.addTask {
                        do {
                            let placed = try await OrderPlacement.checkOut(
                                cart, access: .customer(buyer), key: "rush-\(index)", payment: .invoice, on: platform)
                            return placed.order.status.rawValue
                        } catch CheckoutFlowError.creditLimitExceeded {
                            return "refused"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // 60.00 of credit and 24.89 an order: two fit, whatever the interleaving.
            #expect(outcomes.count { $0 == "paid" } == 2, "\(outcomes)")
            #expect(outcomes.count { $0 == "refused" } == 4, "\(outcomes)")
            let owed = try await platform.database.read { db in
                try await platform.invoicing.outstanding(companyID: acmeCompany.id.rawValue, on: db)
            }
            #expect(owed.first.map { $0.amount <= 6_000 } == true)
        }
    }
}
