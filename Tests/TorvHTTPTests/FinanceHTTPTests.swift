import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Invoicing
import Ledger
import NIOCore
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Finance over HTTP")
struct FinanceHTTPTests {
    /// One paid card order of the test shop, its books posted.
    static func paidOrder(on platform: Platform) async throws -> Money {
        let shop = try await TestShop.seed(on: platform)
        let created = try await ShoppingCarts.create(
            channel: "web", currency: Currency(code: "EUR")!, customer: nil, on: platform)
        let access = CartAccess.guest(token: try #require(created.guestToken))
        let id = created.cart.id
        _ = try await ShoppingCarts.addLine(
            variant: shop.teeS.rawValue, quantity: 2, to: id, access: access, on: platform)
        _ = try await ShoppingCarts.addLine(
            variant: shop.mug.rawValue, quantity: 1, to: id, access: access, on: platform)
        _ = try await ShoppingCarts.setContact(
            email: "ada@example.com", phone: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(.shipping(shop.parcel), in: id, access: access, on: platform)
        let outcome = try await OrderPlacement.checkOut(
            id, access: access, key: "books-http", payment: .card(number: TestCard.approves), on: platform)
        let relay = OutboxRelay(database: platform.database, outbox: platform.outbox)
        while try await relay.deliverDue(limit: 500) > 0 {}
        return outcome.order.totals.grandTotal
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: date)
    }

    @Test(
        "an accountant reads P&L, balance sheet, VAT and the lines behind a figure; shop staff and strangers are refused",
        arguments: TestBackend.allCases)
    func reports(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            env.clock.advance(by: 60)
            let paid = try await Self.paidOrder(on: platform)
            _ = try await Fixture.staff("books@shop.example", roles: ["accountant"], on: platform)
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            let accountant = try await Fixture.staffToken("books@shop.example", client: client)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)
            let today = Self.day(env.clock.now)
            let range = "currency=EUR&from=\(today)&to=\(today)"

            let pnl = try await client.execute(
                uri: "/v1/admin/finance/reports/profit-and-loss?\(range)", method: .get,
                headers: Fixture.bearer(accountant))
            #expect(pnl.status == .ok, "\(pnl.text)")
            let summary = pnl.json.object("summary")
            let revenue = try #require(summary["revenue"] as? Int)
            #expect(revenue > 0 && revenue < Int(paid.amount))

            let sheet = try await client.execute(
                uri: "/v1/admin/finance/reports/balance-sheet?currency=EUR&as_of=\(today)", method: .get,
                headers: Fixture.bearer(accountant))
            #expect(sheet.status == .ok)
            #expect(sheet.json.object("summary")["difference"] as? Int == 0)
            // Two tees and a mug at cost: the result is revenue less the cost of goods sold.
            #expect(summary["gross_profit"] as? Int == revenue - (2 * 800 + 350))
            #expect(sheet.json.object("summary")["result"] as? Int == summary["net_result"] as? Int)

            let vat = try await client.execute(
                uri: "/v1/admin/finance/reports/vat?\(range)", method: .get, headers: Fixture.bearer(accountant))
            #expect(vat.status == .ok)
            let payable = try #require(vat.json.object("summary")["net_vat_payable"] as? Int)
            #expect(payable + revenue == Int(paid.amount))

            let csv = try await client.execute(
                uri: "/v1/admin/finance/reports/vat?\(range)&format=csv", method: .get,
                headers: Fixture.bearer(accountant))
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("section,account_code,vat_rate,label,sales_base"))

            let lines = try await client.execute(
                uri: "/v1/admin/finance/reports/account-ledger?account=\(DefaultChart.paymentClearing)&\(range)",
                method: .get, headers: Fixture.bearer(accountant))
            #expect(lines.status == .ok)
            let sale = try #require(lines.json.array("lines").first { $0["document_type"] as? String == "order" })
            #expect((sale["amount"] as? [String: Any])?["amount"] as? Int == Int(paid.amount))
            let fee = try #require(lines.json.array("lines").first { $0["document_type"] as? String == "payment" })
            #expect(
                (fee["amount"] as? [String: Any])?["amount"] as? Int == -Int(
                    TestCardProvider.captureFee(on: paid).amount))

            let refused = try await client.execute(
                uri: "/v1/admin/finance/reports/profit-and-loss?\(range)", method: .get, headers: Fixture.bearer(dock))
            #expect(refused.status == .forbidden)
            let anonymous = try await client.execute(
                uri: "/v1/admin/finance/reports/profit-and-loss?\(range)", method: .get)
            #expect(anonymous.status == .unauthorized)
            let badDate = try await client.execute(
                uri: "/v1/admin/finance/reports/profit-and-loss?currency=EUR&from=2026-02-30&to=\(today)", method: .get,
                headers: Fixture.bearer(accountant))
            #expect(badDate.status == .badRequest)
            #expect(badDate.headers[.contentType] == "application/problem+json")
        }
    }

    @Test(
        "manual entries must balance, post once per key, reverse once, and never into a closed month",
        arguments: TestBackend.allCases)
    func manualEntries(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("books@shop.example", roles: ["accountant"], on: platform)
            let token = try await Fixture.staffToken("books@shop.example", client: client)
            var headers = Fixture.bearer(token)
            headers[HTTPField.Name("Idempotency-Key")!] = "opening-1"
            let now = ISO8601DateFormatter().string(from: env.clock.now)
            let unbalanced: [String: Any] = [
                "posting_date": now, "description": "Opening balance",
                "lines": [
                    ["account_code": DefaultChart.bank, "amount": ["amount": 10_000, "currency": "EUR"]],
                    ["account_code": DefaultChart.equity, "amount": ["amount": -9_000, "currency": "EUR"]],
                ],
            ]
            let refused = try await client.execute(
                uri: "/v1/admin/finance/entries", method: .post, headers: headers, body: Fixture.json(unbalanced))
            #expect(refused.status == .badRequest)
            #expect(
                refused.text.contains("\"pointer\":\"\\/lines\"") || refused.text.contains("\"pointer\":\"/lines\""))

            var balanced = unbalanced
            balanced["lines"] = [
                ["account_code": DefaultChart.bank, "amount": ["amount": 10_000, "currency": "EUR"]],
                ["account_code": DefaultChart.equity, "amount": ["amount": -10_000, "currency": "EUR"]],
            ]
            headers[HTTPField.Name("Idempotency-Key")!] = "opening-2"
            let posted = try await client.execute(
                uri: "/v1/admin/finance/entries", method: .post, headers: headers, body: Fixture.json(balanced))
            #expect(posted.status == .created, "\(posted.text)")
            let again = try await client.execute(
                uri: "/v1/admin/finance/entries", method: .post, headers: headers, body: Fixture.json(balanced))
            #expect(again.json.string("id") == posted.json.string("id"))
            let entryID = try #require(posted.json.string("id"))

            headers[HTTPField.Name("Idempotency-Key")!] = "reverse-1"
            let reversed = try await client.execute(
                uri: "/v1/admin/finance/entries/\(entryID)/reverse", method: .post, headers: headers,
                body: Fixture.json(["reason": "Typed the wrong bank"]))
            #expect(reversed.status == .created, "\(reversed.text)")
            headers[HTTPField.Name("Idempotency-Key")!] = "reverse-2"
            let twice = try await client.execute(
                uri: "/v1/admin/finance/entries/\(entryID)/reverse", method: .post, headers: headers,
                body: Fixture.json(["reason": "Again"]))
            #expect(twice.status.code >= 400 && twice.status.code < 500)

            let month = AccountingPeriod(containing: env.clock.now).description
            let closed = try await client.execute(
                uri: "/v1/admin/finance/periods/\(month)/close", method: .post, headers: Fixture.bearer(token))
            #expect(closed.status == .noContent)
            headers[HTTPField.Name("Idempotency-Key")!] = "opening-3"
            let late = try await client.execute(
                uri: "/v1/admin/finance/entries", method: .post, headers: headers, body: Fixture.json(balanced))
            #expect(late.status == .badRequest)
            #expect(late.text.contains("period_closed"))
            let periods = try await client.execute(
                uri: "/v1/admin/finance/periods?year=\(month.prefix(4))", method: .get, headers: Fixture.bearer(token))
            #expect(periods.json.array("periods").count == 12)
            #expect(
                periods.json.array("periods").contains {
                    $0["period"] as? String == month && $0["status"] as? String == "closed"
                })

            let entries = try await client.execute(
                uri: "/v1/admin/finance/entries?source=manual:", method: .get, headers: Fixture.bearer(token))
            #expect(entries.json.array("entries").count == 1)
        }
    }

    @Test(
        "an accountant lists invoices, records a payment once and never beyond what is open, and reads the ageing",
        arguments: TestBackend.allCases)
    func invoices(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let eur = Currency.eur
            let issued = try await platform.database.inTransaction { db in
                try await platform.invoicing.issue(
                    InvoiceDraft(
                        orderID: "ord_http", customerID: nil, companyID: "comp_http", billTo: "Acme AB, Malmö",
                        currency: eur, issuedAt: env.clock.now, paymentTermsDays: 10,
                        lines: [
                            InvoiceLine(
                                description: "Desk", sku: "DESK", quantity: 1,
                                net: Money(minorUnits: 8_000, currency: eur),
                                vatRate: 2_500, vat: Money(minorUnits: 2_000, currency: eur))
                        ]), on: db
                ).invoice
            }
            _ = try await Fixture.staff("books@shop.example", roles: ["accountant"], on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            let token = try await Fixture.staffToken("books@shop.example", client: client)
            let support = try await Fixture.staffToken("help@shop.example", client: client)

            let list = try await client.execute(
                uri: "/v1/admin/finance/invoices?open=true", method: .get, headers: Fixture.bearer(token))
            #expect(list.status == .ok)
            #expect(list.json.array("invoices").map { $0["number"] as? String } == ["INV-000001"])
            let refused = try await client.execute(
                uri: "/v1/admin/finance/invoices/\(issued.id.rawValue)", method: .get, headers: Fixture.bearer(support))
            #expect(refused.status == .forbidden)

            var headers = Fixture.bearer(token)
            headers[HTTPField.Name("Idempotency-Key")!] = "pay-1"
            let tooMuch = try await client.execute(
                uri: "/v1/admin/finance/invoices/\(issued.id.rawValue)/payments", method: .post, headers: headers,
                body: Fixture.json(["amount": ["amount": 10_001, "currency": "EUR"], "reference": "BG 1"]))
            #expect(tooMuch.status == .conflict)
            #expect(tooMuch.text.contains("payment_exceeds_open_amount"))
            headers[HTTPField.Name("Idempotency-Key")!] = "pay-2"
            let paid = try await client.execute(
                uri: "/v1/admin/finance/invoices/\(issued.id.rawValue)/payments", method: .post, headers: headers,
                body: Fixture.json(["amount": ["amount": 4_000, "currency": "EUR"], "reference": "BG 2"]))
            #expect(paid.status == .created, "\(paid.text)")
            #expect(paid.json.string("status") == "partially_paid")
            #expect((paid.json.object("open")["amount"] as? Int) == 6_000)

            let later = AccountingPeriod(containing: env.clock.now.addingTimeInterval(40 * 86_400)).start
            let ageing = try await client.execute(
                uri: "/v1/admin/finance/reports/receivables-ageing?as_of=\(Self.day(later))", method: .get,
                headers: Fixture.bearer(token))
            #expect(ageing.status == .ok)
            let row = try #require(ageing.json.array("currencies").first)
            #expect(row["total"] as? Int == 6_000)
            let unknown = try await client.execute(
                uri: "/v1/admin/finance/invoices/inv_\(String(repeating: "0", count: 26))", method: .get,
                headers: Fixture.bearer(token))
            #expect(unknown.status == .notFound)
        }
    }
}
