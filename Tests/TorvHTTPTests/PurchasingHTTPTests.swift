import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Inventory
import Ledger
import NIOCore
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Purchasing and supplier bills over HTTP")
struct PurchasingHTTPTests {
    static func headers(_ token: String, key: String? = nil) -> HTTPFields {
        var headers = Fixture.bearer(token)
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return headers
    }

    static func eur(_ amount: Int) -> [String: Any] { ["amount": amount, "currency": "EUR"] }

    @Test(
        "a buyer orders, the warehouse receives and returns, the accountant matches and pays the bill; each is refused the others' work",
        arguments: TestBackend.allCases)
    func buyingIn(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("buyer@shop.example", roles: ["buyer"], on: platform)
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            _ = try await Fixture.staff("books@shop.example", roles: ["accountant"], on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            let buyer = try await Fixture.staffToken("buyer@shop.example", client: client)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)
            let books = try await Fixture.staffToken("books@shop.example", client: client)
            let help = try await Fixture.staffToken("help@shop.example", client: client)

            let supplierBody: [String: Any] = [
                "name": "Nord Textiles", "email": "orders@nord.example", "currency": "EUR", "payment_terms_days": 14,
            ]
            let created = try await client.execute(
                uri: "/v1/admin/purchasing/suppliers", method: .post, headers: Self.headers(buyer, key: "sup-1"),
                body: Fixture.json(supplierBody))
            #expect(created.status == .created, "\(created.text)")
            let supplierID = try #require(created.json.string("id"))
            let replayed = try await client.execute(
                uri: "/v1/admin/purchasing/suppliers", method: .post, headers: Self.headers(buyer, key: "sup-1"),
                body: Fixture.json(supplierBody))
            #expect(replayed.json.string("id") == supplierID)
            let price = try await client.execute(
                uri: "/v1/admin/purchasing/suppliers/\(supplierID)/prices/TEE-S", method: .put,
                headers: Self.headers(buyer), body: Fixture.json(["unit_cost": Self.eur(800), "lead_time_days": 5]))
            #expect(price.status == .ok, "\(price.text)")

            // Support staff do not see suppliers; the warehouse cannot write orders; a buyer cannot see bills.
            let hidden = try await client.execute(
                uri: "/v1/admin/purchasing/suppliers", method: .get, headers: Self.headers(help))
            #expect(hidden.status == .forbidden)
            let bad = try await client.execute(
                uri: "/v1/admin/purchasing/orders", method: .post, headers: Self.headers(buyer, key: "po-bad"),
                body: Fixture.json([
                    "supplier_id": supplierID, "destination_location_id": "loc_nowhere",
                    "lines": [["sku": "TEE-S", "quantity": 10], ["sku": "GHOST", "quantity": 1]],
                ]))
            #expect(bad.status == .badRequest)
            let pointers = bad.json.array("errors").compactMap { $0["pointer"] as? String }
            #expect(pointers.contains("/destination_location_id") && pointers.contains("/lines/1/sku"), "\(bad.text)")
            let order =
                [
                    "supplier_id": supplierID, "destination_location_id": shop.warehouse.rawValue,
                    "lines": [
                        ["sku": "TEE-S", "quantity": 10], ["sku": "MUG", "quantity": 4, "unit_cost": Self.eur(350)],
                    ],
                ] as [String: Any]
            let refusedDock = try await client.execute(
                uri: "/v1/admin/purchasing/orders", method: .post, headers: Self.headers(dock, key: "po-dock"),
                body: Fixture.json(order))
            #expect(refusedDock.status == .forbidden)
            let draft = try await client.execute(
                uri: "/v1/admin/purchasing/orders", method: .post, headers: Self.headers(buyer, key: "po-1"),
                body: Fixture.json(order))
            #expect(draft.status == .created, "\(draft.text)")
            let orderID = try #require(draft.json.string("id"))
            #expect(draft.json.string("number") == "PO-000001")
            #expect(draft.json.object("total")["amount"] as? Int == 10 * 800 + 4 * 350)
            let sent = try await client.execute(
                uri: "/v1/admin/purchasing/orders/\(orderID)/send", method: .post, headers: Self.headers(buyer),
                body: Fixture.json([String: Any]()))
            #expect(sent.json.string("status") == "sent", "\(sent.status) \(sent.text)")

            // The warehouse books the whole delivery once, however often the request is sent.
            let delivery: [String: Any] = [
                "location_id": shop.warehouse.rawValue,
                "lines": [["sku": "TEE-S", "quantity": 10], ["sku": "MUG", "quantity": 4]],
            ]
            let received = try await client.execute(
                uri: "/v1/admin/purchasing/orders/\(orderID)/receipts", method: .post,
                headers: Self.headers(dock, key: "grn-1"), body: Fixture.json(delivery))
            #expect(received.status == .created, "\(received.text)")
            _ = try await client.execute(
                uri: "/v1/admin/purchasing/orders/\(orderID)/receipts", method: .post,
                headers: Self.headers(dock, key: "grn-1"), body: Fixture.json(delivery))
            let receiptID = try #require(received.json.string("id"))
            let level = try await platform.database.read { db in
                try await platform.inventory.stockLevel(of: "TEE-S", at: shop.warehouse, on: db)
            }
            #expect(level.onHand == 60)
            let over = try await client.execute(
                uri: "/v1/admin/purchasing/orders/\(orderID)/receipts", method: .post,
                headers: Self.headers(dock, key: "grn-2"),
                body: Fixture.json(["location_id": shop.warehouse.rawValue, "lines": [["sku": "MUG", "quantity": 1]]]))
            #expect(over.status.code == 409 || over.status.code == 400, "\(over.text)")

            let returned = try await client.execute(
                uri: "/v1/admin/purchasing/orders/\(orderID)/returns", method: .post,
                headers: Self.headers(dock, key: "rtv-1"),
                body: Fixture.json([
                    "receipt_id": receiptID, "lines": [["sku": "MUG", "quantity": 1, "reason": "damaged"]],
                ]))
            #expect(returned.status == .created, "\(returned.text)")
            let fetched = try await client.execute(
                uri: "/v1/admin/purchasing/orders/\(orderID)", method: .get, headers: Self.headers(dock))
            let lines = fetched.json.array("lines")
            let mugLine = try #require(lines.first { $0["sku"] as? String == "MUG" })
            let teeLine = try #require(lines.first { $0["sku"] as? String == "TEE-S" })
            #expect(mugLine["returned"] as? Int == 1 && fetched.json.string("status") == "received")

            // The bill bills what was kept; a buyer may not record it.
            let bill: [String: Any] = [
                "supplier_id": supplierID, "invoice_number": "NT-1",
                "bill_date": ISO8601DateFormatter().string(
                    from: env.clock.now),
                "lines": [
                    ["order_line_id": teeLine["id"] as? String ?? "", "quantity": 10, "unit_price": Self.eur(800)],
                    ["order_line_id": mugLine["id"] as? String ?? "", "quantity": 3, "unit_price": Self.eur(350)],
                ],
                "tax": Self.eur(2_262), "tax_rate": 2_500, "total": Self.eur(9_050 + 2_262),
            ]
            let byBuyer = try await client.execute(
                uri: "/v1/admin/finance/bills", method: .post, headers: Self.headers(buyer, key: "bill-b"),
                body: Fixture.json(bill))
            #expect(byBuyer.status == .forbidden)
            let recorded = try await client.execute(
                uri: "/v1/admin/finance/bills", method: .post, headers: Self.headers(books, key: "bill-1"),
                body: Fixture.json(bill))
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded.json.string("approval") == "approved")
            #expect(recorded.json.string("due_date") != nil)
            let billID = try #require(recorded.json.string("id"))
            let duplicate = try await client.execute(
                uri: "/v1/admin/finance/bills", method: .post, headers: Self.headers(books, key: "bill-2"),
                body: Fixture.json(bill))
            #expect(duplicate.status == .badRequest)

            let ageing = try await client.execute(
                uri: "/v1/admin/finance/reports/payables-ageing?as_of=\(FinanceHTTPTests.day(env.clock.now))",
                method: .get, headers: Self.headers(books))
            #expect(ageing.status == .ok, "\(ageing.text)")
            #expect(ageing.json.array("currencies").first?["current"] as? Int == 11_312)

            let paid = try await client.execute(
                uri: "/v1/admin/finance/bills/\(billID)/payments", method: .post,
                headers: Self.headers(books, key: "pay-1"),
                body: Fixture.json(["amount": Self.eur(11_312), "reference": "BANK-77"]))
            #expect(paid.status == .created, "\(paid.text)")
            #expect(paid.json.string("payment_status") == "paid")
            #expect(paid.json.array("payments").count == 1)
            let overpaid = try await client.execute(
                uri: "/v1/admin/finance/bills/\(billID)/payments", method: .post,
                headers: Self.headers(books, key: "pay-2"),
                body: Fixture.json(["amount": Self.eur(1), "reference": "BANK-78"]))
            #expect(overpaid.status == .conflict)
            let closed = try await client.execute(
                uri: "/v1/admin/purchasing/orders/\(orderID)/close", method: .post, headers: Self.headers(buyer),
                body: Fixture.json([String: Any]()))
            #expect(closed.json.string("status") == "closed", "\(closed.text)")

            let relay = OutboxRelay(database: platform.database, outbox: platform.outbox)
            while try await relay.deliverDue(limit: 500) > 0 {}
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
            let balances = try await platform.database.read { db in
                try await platform.ledger.trialBalance(currency: .eur, on: db)
            }
            #expect(balances.first { $0.accountCode == DefaultChart.accountsPayable }?.balance.amount ?? 0 == 0)
            #expect(balances.first { $0.accountCode == DefaultChart.vatReceivable }?.balance.amount == 2_262)
        }
    }
}
