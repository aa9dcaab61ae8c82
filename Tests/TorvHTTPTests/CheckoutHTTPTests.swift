import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Inventory
import NIOCore
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Carts, checkout and orders over HTTP")
struct CheckoutHTTPTests {
    static let cartToken = HTTPField.Name("X-Cart-Token")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    static func headers(token: String? = nil, cart: String? = nil, key: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let cart { fields[cartToken] = cart }
        if let key { fields[idempotencyKey] = key }
        return fields
    }

    static var address: [String: Any] {
        ["name": "Ada Lovelace", "line1": "Storgatan 1", "city": "Malmö", "postal_code": "211 22", "country": "SE"]
    }

    /// A guest cart through the API, ready to pay: returns its ID and guest token.
    static func guestCart(
        _ shop: TestShop, client: some TestClientProtocol, quantity: Int = 2
    ) async throws -> (id: String, token: String) {
        let created = try await client.execute(
            uri: "/v1/store/carts", method: .post, headers: headers(), body: Fixture.json(["currency": "EUR"]))
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(created.json.string("id"))
        let token = try #require(created.json.string("guest_token"))
        let added = try await client.execute(
            uri: "/v1/store/carts/\(id)/lines", method: .post, headers: headers(cart: token),
            body: Fixture.json(["variant_id": shop.teeS.rawValue, "quantity": quantity]))
        #expect(added.status == .ok, "\(added.text)")
        for (path, body) in [
            ("contact", ["email": "ada@example.com"]), ("addresses", ["shipping": address]),
            ("delivery", ["method_id": shop.parcel.rawValue]),
        ] as [(String, [String: Any])] {
            let response = try await client.execute(
                uri: "/v1/store/carts/\(id)/\(path)", method: .put, headers: headers(cart: token),
                body: Fixture.json(body))
            #expect(response.status == .ok, "\(path): \(response.text)")
        }
        return (id, token)
    }

    @Test("a guest checks out by card and staff ship and deliver the order", arguments: TestBackend.allCases)
    func journey(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("dock@shop.example", roles: ["owner"], on: platform)
            let staff = try await Fixture.staffToken("dock@shop.example", client: client)

            let cart = try await Self.guestCart(shop, client: client)
            let priced = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)", method: .get, headers: Self.headers(cart: cart.token))
            #expect(priced.json["ready_for_checkout"] as? Bool == true, "\(priced.text)")
            let grandTotal = priced.json.object("totals").object("grand_total")["amount"] as? Int
            #expect(grandTotal == 4488)  // 2 × 19.99 + 4.90 parcel

            let noKey = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post, headers: Self.headers(cart: cart.token),
                body: Fixture.json(["payment_method": "card"]))
            #expect(noKey.status == .badRequest)

            let paid = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                headers: Self.headers(cart: cart.token, key: "pay-1"),
                body: Fixture.json([
                    "payment_method": "card",
                    "card": ["number": "4242 4242 4242 4242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123"],
                ]))
            #expect(paid.status == .created, "\(paid.text)")
            let order = paid.json.object("order")
            #expect(order.string("status") == "paid")
            #expect(paid.json.object("payment").object("captured")["amount"] as? Int == grandTotal)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))

            let replay = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                headers: Self.headers(cart: cart.token, key: "pay-1"),
                body: Fixture.json([
                    "payment_method": "card",
                    "card": ["number": "4242 4242 4242 4242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123"],
                ]))
            #expect(replay.json.object("order").string("id") == orderID)

            let fulfil = try await client.execute(
                uri: "/v1/admin/orders/\(orderID)/fulfilments", method: .post,
                headers: Self.headers(token: staff, key: "f1"),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 2]]]))
            #expect(fulfil.status == .created, "\(fulfil.text)")
            let fulfilmentID = try #require(fulfil.json.array("fulfilments").first?.string("id"))
            for step in [
                ["action": "pick"], ["action": "pack"],
                ["action": "ship", "carrier": "PostNord", "tracking_number": "PN123456SE"], ["action": "deliver"],
            ] {
                let response = try await client.execute(
                    uri: "/v1/admin/fulfilments/\(fulfilmentID)/progress", method: .post,
                    headers: Self.headers(token: staff), body: Fixture.json(step))
                #expect(response.status == .ok, "\(step): \(response.text)")
            }
            let delivered = try await client.execute(
                uri: "/v1/admin/orders/\(orderID)", method: .get, headers: Self.headers(token: staff))
            #expect(delivered.json.string("status") == "delivered")
            #expect(delivered.json.array("timeline").count >= 5)
        }
    }

    @Test("carts refuse client prices, strangers and nonsense with clear problems", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let cart = try await Self.guestCart(shop, client: client)

            let priced = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/lines", method: .post, headers: Self.headers(cart: cart.token),
                body: Fixture.json(["variant_id": shop.mug.rawValue, "quantity": 1, "unit_price": 1]))
            #expect(priced.status == .badRequest, "\(priced.text)")

            let zero = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/lines", method: .post, headers: Self.headers(cart: cart.token),
                body: Fixture.json(["variant_id": shop.mug.rawValue, "quantity": 0]))
            #expect(zero.status == .badRequest)
            #expect(zero.json.array("errors").first?.string("pointer") == "/quantity")

            let unknownVariant = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/lines", method: .post, headers: Self.headers(cart: cart.token),
                body: Fixture.json(["variant_id": "prod_nope", "quantity": 1]))
            #expect(unknownVariant.status == .badRequest)
            #expect(unknownVariant.json.array("errors").first?.string("pointer") == "/variant_id")

            let badCurrency = try await client.execute(
                uri: "/v1/store/carts", method: .post, headers: Self.headers(), body: Fixture.json(["currency": "XYZ"]))
            #expect(badCurrency.status == .badRequest)

            // Another guest, or nobody, cannot see the cart: it does not exist for them.
            let other = try await Self.guestCart(shop, client: client)
            let stranger = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)", method: .get, headers: Self.headers(cart: other.token))
            #expect(stranger.status == .notFound)
            let anonymous = try await client.execute(uri: "/v1/store/carts/\(cart.id)", method: .get)
            #expect(anonymous.status == .notFound)
            let customer = try await Fixture.customerToken("eve@example.com", on: platform)
            let signedIn = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)", method: .get, headers: Self.headers(token: customer))
            #expect(signedIn.status == .notFound)

            let forgedHook = try await client.execute(
                uri: "/hooks/payments/test_card", method: .post,
                headers: [
                    .contentType: "application/json", HTTPField.Name("webhook-id")!: "evt_1",
                    HTTPField.Name("webhook-timestamp")!: "\(Int(env.clock.now.timeIntervalSince1970))",
                    HTTPField.Name("webhook-signature")!: "v1,AAAA",
                ], body: ByteBuffer(string: "{}"))
            #expect(forgedHook.status.code >= 400 && forgedHook.status.code < 500, "\(forgedHook.text)")
        }
    }

    @Test("customers see only their own orders", arguments: TestBackend.allCases)
    func ordersArePrivate(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let eve = try await Fixture.customerToken("eve@example.com", on: platform)

            let created = try await client.execute(
                uri: "/v1/store/carts", method: .post, headers: Self.headers(token: ada),
                body: Fixture.json(["currency": "EUR"]))
            let id = try #require(created.json.string("id"))
            #expect(created.json["guest_token"] == nil)
            _ = try await client.execute(
                uri: "/v1/store/carts/\(id)/lines", method: .post, headers: Self.headers(token: ada),
                body: Fixture.json(["variant_id": shop.mug.rawValue, "quantity": 1]))
            for (path, body) in [
                ("contact", ["email": "ada@example.com"]), ("addresses", ["shipping": Self.address]),
                ("delivery", ["pickup_location_id": shop.store.rawValue]),
            ] as [(String, [String: Any])] {
                let response = try await client.execute(
                    uri: "/v1/store/carts/\(id)/\(path)", method: .put, headers: Self.headers(token: ada),
                    body: Fixture.json(body))
                #expect(response.status == .ok, "\(path): \(response.text)")
            }
            let paid = try await client.execute(
                uri: "/v1/store/carts/\(id)/checkout", method: .post, headers: Self.headers(token: ada, key: "a1"),
                body: Fixture.json([
                    "payment_method": "card",
                    "card": ["number": TestCard.approves, "expiry_month": 1, "expiry_year": 2031, "cvc": "999"],
                ]))
            #expect(paid.status == .created, "\(paid.text)")
            let orderID = try #require(paid.json.object("order").string("id"))
            #expect(paid.json.object("order").object("delivery").string("kind") == "pickup")

            let mine = try await client.execute(
                uri: "/v1/store/orders", method: .get, headers: Self.headers(token: ada))
            #expect(mine.json.array("items").compactMap { $0.string("id") } == [orderID])
            let theirs = try await client.execute(
                uri: "/v1/store/orders", method: .get, headers: Self.headers(token: eve))
            #expect(theirs.json.array("items").isEmpty)
            let peek = try await client.execute(
                uri: "/v1/store/orders/\(orderID)", method: .get, headers: Self.headers(token: eve))
            #expect(peek.status == .notFound)
            // Eve cannot touch Ada's cart either.
            let cartPeek = try await client.execute(
                uri: "/v1/store/carts/\(id)", method: .get, headers: Self.headers(token: eve))
            #expect(cartPeek.status == .notFound)
        }
    }

    @Test(
        "a customer returns a delivered tee: staff restock it and the refund goes back to the card",
        arguments: TestBackend.allCases)
    func returnAndRefund(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("desk@shop.example", roles: ["owner"], on: platform)
            let staff = try await Fixture.staffToken("desk@shop.example", client: client)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)

            let created = try await client.execute(
                uri: "/v1/store/carts", method: .post, headers: Self.headers(token: ada),
                body: Fixture.json(["currency": "EUR"]))
            let cart = try #require(created.json.string("id"))
            for (path, method, body) in [
                ("lines", HTTPRequest.Method.post, ["variant_id": shop.teeS.rawValue, "quantity": 3]),
                ("contact", .put, ["email": "ada@example.com"]), ("addresses", .put, ["shipping": Self.address]),
                ("delivery", .put, ["method_id": shop.parcel.rawValue]),
            ] as [(String, HTTPRequest.Method, [String: Any])] {
                let response = try await client.execute(
                    uri: "/v1/store/carts/\(cart)/\(path)", method: method, headers: Self.headers(token: ada),
                    body: Fixture.json(body))
                #expect(response.status == .ok, "\(path): \(response.text)")
            }
            let paid = try await client.execute(
                uri: "/v1/store/carts/\(cart)/checkout", method: .post, headers: Self.headers(token: ada, key: "r1"),
                body: Fixture.json([
                    "payment_method": "card",
                    "card": ["number": TestCard.approves, "expiry_month": 1, "expiry_year": 2031, "cvc": "999"],
                ]))
            #expect(paid.status == .created, "\(paid.text)")
            let order = paid.json.object("order")
            let orderID = try #require(order.string("id"))
            let line = try #require(order.array("lines").first)
            let lineID = try #require(line.string("id"))
            let lineTotal = try #require(line.object("total")["amount"] as? Int)
            #expect(lineTotal == 5997)  // 3 × 19.99, free shipping over 50.00
            #expect(try await CheckoutFlowStock.onHand("TEE-S", at: shop.warehouse, on: platform) == 47)

            let fulfilled = try await client.execute(
                uri: "/v1/admin/orders/\(orderID)/fulfilments", method: .post, headers: Self.headers(token: staff),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 3]]]))
            let fulfilment = try #require(fulfilled.json.array("fulfilments").first?.string("id"))
            for step in [["action": "ship", "carrier": "PostNord", "tracking_number": "PN1SE"], ["action": "deliver"]] {
                let response = try await client.execute(
                    uri: "/v1/admin/fulfilments/\(fulfilment)/progress", method: .post,
                    headers: Self.headers(token: staff), body: Fixture.json(step))
                #expect(response.status == .ok, "\(response.text)")
            }

            // Another customer cannot ask to return Ada's order.
            let eve = try await Fixture.customerToken("eve@example.com", on: platform)
            let foreign = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/returns", method: .post, headers: Self.headers(token: eve),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 1, "reason": "mine now"]]]))
            #expect(foreign.status == .notFound)
            let tooMany = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/returns", method: .post, headers: Self.headers(token: ada),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 4, "reason": "too big"]]]))
            #expect(tooMany.status.code >= 400 && tooMany.status.code < 500)

            let requested = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/returns", method: .post,
                headers: Self.headers(token: ada, key: "ret-1"),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 1, "reason": "too big"]]]))
            #expect(requested.status == .created, "\(requested.text)")
            let returnID = try #require(requested.json.string("id"))
            for step in [
                ["action": "approve"], ["action": "receive"],
                [
                    "action": "inspect", "location_id": shop.warehouse.rawValue,
                    "outcomes": [["line_id": lineID, "outcome": "restock"]],
                ],
                ["action": "refund"],
            ] as [[String: Any]] {
                let response = try await client.execute(
                    uri: "/v1/admin/returns/\(returnID)/progress", method: .post, headers: Self.headers(token: staff),
                    body: Fixture.json(step))
                #expect(response.status == .ok, "\(step): \(response.text)")
            }
            let details = try await client.execute(
                uri: "/v1/admin/orders/\(orderID)", method: .get, headers: Self.headers(token: staff))
            #expect(details.json.array("returns").first?.string("status") == "refunded")
            // One of three units: a third of the line total, 19.99.
            #expect(details.json.array("payments").first?.object("refunded")["amount"] as? Int == 1999)
            #expect(try await CheckoutFlowStock.onHand("TEE-S", at: shop.warehouse, on: platform) == 48)
        }
    }
}

enum CheckoutFlowStock {
    static func onHand(_ sku: String, at location: StockLocationID, on platform: Platform) async throws -> Int {
        try await platform.database.read { db in
            try await platform.inventory.stockLevel(of: sku, at: location, on: db).onHand
        }
    }
}
