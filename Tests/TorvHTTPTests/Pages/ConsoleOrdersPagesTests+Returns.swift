import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

extension ConsoleOrdersPagesTests {
    /// A customer's paid order of one mug, to collect at the shop's store.
    static func pickupOrder(
        _ shop: TestShop, token: String, client: some TestClientProtocol
    ) async throws -> [String: Any] {
        typealias H = CheckoutHTTPTests
        let created = try await client.execute(
            uri: "/v1/store/carts", method: .post, headers: H.headers(token: token),
            body: Fixture.json(["currency": "EUR"]))
        let cart = try #require(created.json.string("id"))
        for (path, method, body) in [
            ("lines", HTTPRequest.Method.post, ["variant_id": shop.mug.rawValue, "quantity": 1]),
            ("contact", .put, ["email": "ada@example.com"]), ("addresses", .put, ["shipping": H.address]),
            ("delivery", .put, ["pickup_location_id": shop.store.rawValue]),
        ] as [(String, HTTPRequest.Method, [String: Any])] {
            let response = try await client.execute(
                uri: "/v1/store/carts/\(cart)/\(path)", method: method, headers: H.headers(token: token),
                body: Fixture.json(body))
            #expect(response.status == .ok, "\(path): \(response.text)")
        }
        let paid = try await client.execute(
            uri: "/v1/store/carts/\(cart)/checkout", method: .post, headers: H.headers(token: token, key: "p1"),
            body: Fixture.json([
                "payment_method": "card",
                "card": ["number": TestCard.approves, "expiry_month": 1, "expiry_year": 2031, "cvc": "999"],
            ]))
        #expect(paid.status == .created, "\(paid.text)")
        return paid.json.object("order")
    }

    @Test("ready for pick-up shows the code once, and the code hands the goods over", arguments: TestBackend.allCases)
    func pickUp(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let order = try await Self.pickupOrder(shop, token: ada, client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            let wes = try await ConsoleBrowser.signIn(
                "wes@shop.example", roles: ["warehouse"], on: platform, client: client)

            let created = try await wes.post("/admin/orders/\(orderID)/fulfilments", [("quantity_\(lineID)", "1")])
            #expect(created.status == .seeOther, "\(created.text)")
            let fulfilment = try #require(try await Self.fulfilments(of: orderID, on: platform).only)
            #expect(fulfilment.kind == .pickup)
            let base = "/admin/orders/\(orderID)/fulfilments/\(fulfilment.id.rawValue)"
            let page = try await wes.get("/admin/orders/\(orderID)")
            #expect(page.text.contains(base + "/ready-for-pickup"))
            #expect(!page.text.contains(base + "/ship"), "a pick-up is never shipped")

            let key = ConsoleBrowser.randomKey()
            let ready = try await wes.post(base + "/ready-for-pickup", key: key)
            #expect(ready.status == .ok, "\(ready.text)")
            let code = try #require(Self.pickupCode(in: ready.text))
            let repeated = try await wes.post(base + "/ready-for-pickup", key: key)
            #expect(repeated.status == .seeOther)
            #expect(repeated.location == "/admin/orders/\(orderID)?done=pickup_code_issued")
            #expect(Self.pickupCode(in: try await wes.get(try #require(repeated.location)).text) == nil)

            let wrong = try await wes.post(base + "/collect", [("pickup_code", code == "000000" ? "111111" : "000000")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("The pick-up code is wrong"))
            let collected = try await wes.post(base + "/collect", [("pickup_code", code)])
            #expect(collected.location == "/admin/orders/\(orderID)?done=collected", "\(collected.text)")
            #expect(try await Self.order(orderID, on: platform).status == .delivered)
        }
    }

    @Test("a return is approved, received and refunded from the order page", arguments: TestBackend.allCases)
    func returnSteps(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let order = try await Sale.paidOrder(
                shop, token: ada, variant: shop.teeS, quantity: 2, key: "o1", client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            _ = try await owner.post("/admin/orders/\(orderID)/fulfilments", [("quantity_\(lineID)", "2")])
            let fulfilment = try #require(try await Self.fulfilments(of: orderID, on: platform).only)
            let base = "/admin/orders/\(orderID)/fulfilments/\(fulfilment.id.rawValue)"
            _ = try await owner.post(base + "/ship", [("carrier", "PostNord"), ("tracking_number", "PN1SE")])
            _ = try await owner.post(base + "/deliver")
            #expect(try await Self.order(orderID, on: platform).status == .delivered)

            let requested = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/returns", method: .post,
                headers: CheckoutHTTPTests.headers(token: ada, key: "r1"),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 1, "reason": "too small"]]]))
            let returnID = try #require(requested.json.string("id"), "\(requested.text)")
            let returns = "/admin/orders/\(orderID)/returns/\(returnID)"

            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)
            let page = try await sam.get("/admin/orders/\(orderID)")
            #expect(page.text.contains("too small"))
            #expect(page.text.contains(returns + "/approve"))
            let early = try await sam.post(returns + "/refund")
            #expect(early.status == .conflict || early.status == .unprocessableContent, "\(early.text)")

            for (step, done) in [
                ("approve", "return_approved"), ("receive", "return_received"), ("refund", "return_refunded"),
            ] {
                let response = try await sam.post(returns + "/" + step)
                #expect(response.location == "/admin/orders/\(orderID)?done=\(done)", "\(step): \(response.text)")
            }
            let orderReturn = try await platform.database.read { db in
                try await platform.orders.orderReturn(try #require(ReturnID(returnID)), on: db)
            }
            #expect(orderReturn.status == .refunded)
            #expect(orderReturn.refundedAmount?.isPositive == true)
            let refundedPage = try await sam.get("/admin/orders/\(orderID)")
            #expect(refundedPage.text.contains("status-refunded\">Refunded</span>"))

            let nowhere = try await sam.post("/admin/orders/\(orderID)/returns/ret_nothing/approve")
            #expect(nowhere.status == .notFound)
        }
    }

    /// The code on a "ready for pick-up" page, if it shows one.
    static func pickupCode(in html: String) -> String? {
        guard let start = html.range(of: "id=\"pickup-code\">") else { return nil }
        let rest = html[start.upperBound...]
        return rest.firstIndex(of: "<").map { String(rest[..<$0]) }
    }
}
