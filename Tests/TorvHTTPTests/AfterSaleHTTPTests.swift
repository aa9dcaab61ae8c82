import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Inventory
import NIOCore
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore
import TorvHTTP

@Suite("After the sale over HTTP: cancellations, guest lookup, exchanges, return lists")
struct AfterSaleHTTPTests {
    typealias H = CheckoutHTTPTests

    /// A signed-in customer's order of `quantity` units of `variant`, shipped by parcel and paid by card.
    static func paidOrder(
        _ shop: TestShop, token: String, variant: VariantID, quantity: Int, key: String,
        client: some TestClientProtocol
    ) async throws -> [String: Any] {
        let created = try await client.execute(
            uri: "/v1/store/carts", method: .post, headers: H.headers(token: token),
            body: Fixture.json(["currency": "EUR"]))
        let cart = try #require(created.json.string("id"))
        for (path, method, body) in [
            ("lines", HTTPRequest.Method.post, ["variant_id": variant.rawValue, "quantity": quantity]),
            ("contact", .put, ["email": "ada@example.com"]), ("addresses", .put, ["shipping": H.address]),
            ("delivery", .put, ["method_id": shop.parcel.rawValue]),
        ] as [(String, HTTPRequest.Method, [String: Any])] {
            let response = try await client.execute(
                uri: "/v1/store/carts/\(cart)/\(path)", method: method, headers: H.headers(token: token),
                body: Fixture.json(body))
            #expect(response.status == .ok, "\(path): \(response.text)")
        }
        let paid = try await client.execute(
            uri: "/v1/store/carts/\(cart)/checkout", method: .post, headers: H.headers(token: token, key: key),
            body: Fixture.json([
                "payment_method": "card",
                "card": ["number": TestCard.approves, "expiry_month": 1, "expiry_year": 2031, "cvc": "999"],
            ]))
        #expect(paid.status == .created, "\(paid.text)")
        return paid.json.object("order")
    }

    /// Staff put the whole first line into a fulfilment and, when `ship`, send it.
    @discardableResult
    static func fulfil(
        _ order: [String: Any], ship: Bool, staff: String, client: some TestClientProtocol
    ) async throws -> String {
        let orderID = try #require(order.string("id"))
        let line = try #require(order.array("lines").first)
        let fulfilled = try await client.execute(
            uri: "/v1/admin/orders/\(orderID)/fulfilments", method: .post, headers: H.headers(token: staff),
            body: Fixture.json([
                "lines": [["line_id": try #require(line.string("id")), "quantity": line["quantity"] as? Int ?? 0]]
            ]))
        #expect(fulfilled.status == .created, "\(fulfilled.text)")
        let fulfilment = try #require(fulfilled.json.array("fulfilments").first?.string("id"))
        if ship {
            for step in [["action": "ship", "carrier": "PostNord", "tracking_number": "PN1SE"], ["action": "deliver"]] {
                let response = try await client.execute(
                    uri: "/v1/admin/fulfilments/\(fulfilment)/progress", method: .post,
                    headers: H.headers(token: staff), body: Fixture.json(step))
                #expect(response.status == .ok, "\(response.text)")
            }
        }
        return fulfilment
    }

    static func stock(_ sku: String, _ shop: TestShop, on platform: Platform) async throws -> StockLevel {
        try await platform.database.read { db in
            try await platform.inventory.stockLevel(of: sku, at: shop.warehouse, on: db)
        }
    }

    @Test(
        "a customer cancels their paid order: the stock goes back and the refund counts in refunded_total",
        arguments: TestBackend.allCases)
    func customerCancels(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let eve = try await Fixture.customerToken("eve@example.com", on: platform)
            let order = try await Self.paidOrder(
                shop, token: ada, variant: shop.teeS, quantity: 2, key: "c1", client: client)
            let orderID = try #require(order.string("id"))
            let grandTotal = try #require(order.object("totals").object("grand_total")["amount"] as? Int)
            #expect(try await Self.stock("TEE-S", shop, on: platform).onHand == 48)

            let foreign = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/cancel", method: .post, headers: H.headers(token: eve, key: "x1"),
                body: Fixture.json(["reason": "not mine"]))
            #expect(foreign.status == .notFound)
            #expect(foreign.json.string("code") == "order_not_found")

            let cancelled = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/cancel", method: .post, headers: H.headers(token: ada, key: "x2"),
                body: Fixture.json(["reason": "Ordered the wrong size"]))
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(cancelled.json.string("status") == "cancelled")
            #expect(cancelled.json.object("refunded_total")["amount"] as? Int == grandTotal)
            #expect(cancelled.json.array("payments").first?.object("refunded")["amount"] as? Int == grandTotal)
            let tee = try await Self.stock("TEE-S", shop, on: platform)
            #expect(tee.onHand == 50)
            #expect(tee.reserved == 0)

            // A retried request answers the same; another attempt is refused and changes nothing.
            let replay = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/cancel", method: .post, headers: H.headers(token: ada, key: "x2"),
                body: Fixture.json(["reason": "Ordered the wrong size"]))
            #expect(replay.status == .ok)
            #expect(replay.json.string("status") == "cancelled")
            let again = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/cancel", method: .post, headers: H.headers(token: ada, key: "x3"),
                body: Fixture.json([:]))
            #expect(again.status == .conflict, "\(again.text)")
            #expect(again.json.string("code") == "order_not_cancellable")
            #expect(try await Self.stock("TEE-S", shop, on: platform).onHand == 50)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a customer cannot cancel an order once its preparation started or it shipped", arguments: TestBackend.allCases)
    func customerCannotCancelLate(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("dock@shop.example", roles: ["owner"], on: platform)
            let staff = try await Fixture.staffToken("dock@shop.example", client: client)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)

            let picking = try await Self.paidOrder(
                shop, token: ada, variant: shop.teeS, quantity: 1, key: "p1", client: client)
            try await Self.fulfil(picking, ship: false, staff: staff, client: client)
            let started = try await client.execute(
                uri: "/v1/store/orders/\(try #require(picking.string("id")))/cancel", method: .post,
                headers: H.headers(token: ada, key: "k1"), body: Fixture.json([:]))
            #expect(started.status == .conflict, "\(started.text)")
            #expect(started.json.string("code") == "order_not_cancellable")

            let shipped = try await Self.paidOrder(
                shop, token: ada, variant: shop.teeS, quantity: 1, key: "p2", client: client)
            try await Self.fulfil(shipped, ship: true, staff: staff, client: client)
            let late = try await client.execute(
                uri: "/v1/store/orders/\(try #require(shipped.string("id")))/cancel", method: .post,
                headers: H.headers(token: ada, key: "k2"), body: Fixture.json(["reason": "too slow"]))
            #expect(late.status == .conflict, "\(late.text)")
            #expect(late.json.string("code") == "order_not_cancellable")

            let mine = try await client.execute(
                uri: "/v1/store/orders", method: .get, headers: H.headers(token: ada))
            #expect(mine.json.array("items").allSatisfy { $0.string("status") != "cancelled" })
            #expect(mine.json.array("items").allSatisfy { ($0.object("refunded_total")["amount"] as? Int) == 0 })
            #expect(try await Self.stock("TEE-S", shop, on: platform).onHand == 48)
        }
    }

    @Test(
        "a guest finds their order by number and e-mail; a wrong number or e-mail is the same 404",
        arguments: TestBackend.allCases)
    func guestLookup(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let cart = try await H.guestCart(shop, client: client)
            let paid = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                headers: H.headers(cart: cart.token, key: "g1"),
                body: Fixture.json([
                    "payment_method": "card",
                    "card": ["number": TestCard.approves, "expiry_month": 1, "expiry_year": 2031, "cvc": "999"],
                ]))
            #expect(paid.status == .created, "\(paid.text)")
            let orderID = try #require(paid.json.object("order").string("id"))
            let number = try #require(paid.json.object("order").string("number"))
            _ = try await platform.database.inTransaction { db in
                try await platform.orders.addNote(
                    try #require(OrderID(orderID)), text: "Staff only: check the address", visibleToCustomer: false,
                    by: .system, on: db)
            }

            func lookUp(_ number: String, _ email: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/store/orders/lookup", method: .post, headers: H.headers(),
                    body: Fixture.json(["order_number": number, "email": email]))
            }
            let found = try await lookUp(number, "  ADA@Example.com ")
            #expect(found.status == .ok, "\(found.text)")
            #expect(found.json.string("id") == orderID)
            #expect(found.json.string("status") == "paid")
            #expect(!found.json.array("timeline").isEmpty)
            #expect(!found.text.contains("Staff only"))

            let wrongEmail = try await lookUp(number, "eve@example.com")
            let wrongNumber = try await lookUp("T-999999", "ada@example.com")
            let empty = try await lookUp(number, "")
            for response in [wrongEmail, wrongNumber, empty] {
                #expect(response.status == .notFound, "\(response.text)")
                #expect(response.json.string("code") == "order_not_found")
                #expect(response.json.string("title") == wrongEmail.json.string("title"))
                #expect(response.json.string("detail") == wrongEmail.json.string("detail"))
            }
        }
    }

    @Test("guessing order numbers is bounded by the per-address rate limit")
    func lookupIsRateLimited() async throws {
        try await withTestApp(
            on: .sqlite, settings: HTTPSettings(requestsPerMinutePerAddress: 3, requestsPerMinutePerPrincipal: 10_000)
        ) { _, _, client in
            var statuses: [HTTPResponse.Status] = []
            for guess in 0..<5 {
                statuses.append(
                    try await client.execute(
                        uri: "/v1/store/orders/lookup", method: .post, headers: H.headers(),
                        body: Fixture.json(["order_number": "T-10000\(guess)", "email": "ada@example.com"])
                    ).status)
            }
            #expect(statuses == [.notFound, .notFound, .notFound, .tooManyRequests, .tooManyRequests])
        }
    }

    @Test(
        "staff exchange a returned tee for mugs: a linked order paid by the return, stock taken, the rest refunded",
        arguments: TestBackend.allCases)
    func exchange(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("desk@shop.example", roles: ["owner"], on: platform)
            let staff = try await Fixture.staffToken("desk@shop.example", client: client)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let order = try await Self.paidOrder(
                shop, token: ada, variant: shop.teeS, quantity: 3, key: "e1", client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            try await Self.fulfil(order, ship: true, staff: staff, client: client)
            let requested = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/returns", method: .post, headers: H.headers(token: ada, key: "r1"),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 1, "reason": "wrong colour"]]]))
            let returnID = try #require(requested.json.string("id"))

            func exchange(_ lines: [[String: Any]], key: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/admin/returns/\(returnID)/exchange", method: .post,
                    headers: H.headers(token: staff, key: key),
                    body: Fixture.json(["lines": lines]))
            }
            // Not before the return is approved: its value is not fixed yet.
            let early = try await exchange([["variant_id": shop.mug.rawValue, "quantity": 2]], key: "x0")
            #expect(early.status == .conflict, "\(early.text)")
            #expect(early.json.string("code") == "return_not_exchangeable")
            let approved = try await client.execute(
                uri: "/v1/admin/returns/\(returnID)/progress", method: .post, headers: H.headers(token: staff),
                body: Fixture.json(["action": "approve"]))
            #expect(approved.status == .ok, "\(approved.text)")

            // A tee in M costs 21.50, more than the returned 19.99: refused, nothing reserved.
            let dearer = try await exchange([["variant_id": shop.teeM.rawValue, "quantity": 1]], key: "x1")
            #expect(dearer.status == .unprocessableContent, "\(dearer.text)")
            #expect(dearer.json.string("code") == "exchange_exceeds_return_value")
            #expect(try await Self.stock("TEE-M", shop, on: platform).reserved == 0)
            let unknown = try await exchange([["variant_id": "var_nope", "quantity": 0]], key: "x2")
            #expect(unknown.status == .badRequest, "\(unknown.text)")
            #expect(
                Set(unknown.json.array("errors").compactMap { $0.string("pointer") }) == ["/lines/0/quantity"])

            let made = try await exchange([["variant_id": shop.mug.rawValue, "quantity": 2]], key: "x3")
            #expect(made.status == .created, "\(made.text)")
            let exchangeID = try #require(made.json.string("id"))
            #expect(made.json.string("exchange_for_return_id") == returnID)
            #expect(made.json.string("status") == "paid")
            #expect(made.json.string("customer_id") == order.string("customer_id"))
            #expect(made.json.object("shipping_address").string("city") == "Malmö")
            #expect(made.json.object("totals").object("grand_total")["amount"] as? Int == 1800)
            #expect(made.json.object("totals").object("shipping")["amount"] as? Int == 0)
            let mug = try await Self.stock("MUG", shop, on: platform)
            #expect(mug.onHand == 48)
            #expect(mug.reserved == 0)

            let replay = try await exchange([["variant_id": shop.mug.rawValue, "quantity": 2]], key: "x3")
            #expect(replay.json.string("id") == exchangeID)
            let twice = try await exchange([["variant_id": shop.mug.rawValue, "quantity": 1]], key: "x4")
            #expect(twice.status == .conflict, "\(twice.text)")
            #expect(twice.json.string("code") == "exchange_already_linked")
            #expect(try await Self.stock("MUG", shop, on: platform).onHand == 48)

            // The original order shows the link; what the mugs did not use (1.99) is refunded with the return.
            for step in [["action": "receive"], ["action": "refund"]] {
                let response = try await client.execute(
                    uri: "/v1/admin/returns/\(returnID)/progress", method: .post, headers: H.headers(token: staff),
                    body: Fixture.json(step))
                #expect(response.status == .ok, "\(step): \(response.text)")
            }
            let original = try await client.execute(
                uri: "/v1/admin/orders/\(orderID)", method: .get, headers: H.headers(token: staff))
            let shownReturn = try #require(original.json.array("returns").first)
            #expect(shownReturn.string("exchange_order_id") == exchangeID)
            #expect(shownReturn.object("exchange_credit")["amount"] as? Int == 1800)
            #expect(shownReturn.object("refunded")["amount"] as? Int == 199)
            #expect(original.json.array("payments").first?.object("refunded")["amount"] as? Int == 199)
            #expect(original.json.object("refunded_total")["amount"] as? Int == 199)
            // Ada sees her exchange order among her orders.
            let mine = try await client.execute(
                uri: "/v1/store/orders/\(exchangeID)", method: .get, headers: H.headers(token: ada))
            #expect(mine.status == .ok)
        }
    }

    @Test(
        "an exchange that uses the whole return leaves nothing to refund, until the exchange is cancelled",
        arguments: TestBackend.allCases)
    func evenExchange(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("desk@shop.example", roles: ["owner"], on: platform)
            let staff = try await Fixture.staffToken("desk@shop.example", client: client)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let order = try await Self.paidOrder(
                shop, token: ada, variant: shop.teeS, quantity: 3, key: "e1", client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            try await Self.fulfil(order, ship: true, staff: staff, client: client)
            let requested = try await client.execute(
                uri: "/v1/store/orders/\(orderID)/returns", method: .post, headers: H.headers(token: ada, key: "r1"),
                body: Fixture.json(["lines": [["line_id": lineID, "quantity": 1, "reason": "size swap"]]]))
            let returnID = try #require(requested.json.string("id"))
            for step in [["action": "approve"], ["action": "receive"]] {
                _ = try await client.execute(
                    uri: "/v1/admin/returns/\(returnID)/progress", method: .post, headers: H.headers(token: staff),
                    body: Fixture.json(step))
            }
            let made = try await client.execute(
                uri: "/v1/admin/returns/\(returnID)/exchange", method: .post,
                headers: H.headers(token: staff, key: "s"),
                body: Fixture.json(["lines": [["variant_id": shop.teeS.rawValue, "quantity": 1]]]))
            #expect(made.status == .created, "\(made.text)")
            #expect(made.json.object("totals").object("grand_total")["amount"] as? Int == 1999)
            // 50 − 3 sold − 1 replacement; the returned tee is not restocked until inspection.
            #expect(try await Self.stock("TEE-S", shop, on: platform).onHand == 46)
            let refund = try await client.execute(
                uri: "/v1/admin/returns/\(returnID)/progress", method: .post, headers: H.headers(token: staff),
                body: Fixture.json(["action": "refund"]))
            #expect(refund.status == .conflict, "\(refund.text)")
            #expect(refund.json.string("code") == "nothing_to_refund")
            let untouched = try await client.execute(
                uri: "/v1/admin/orders/\(orderID)", method: .get, headers: H.headers(token: staff))
            #expect(untouched.json.array("payments").first?.object("refunded")["amount"] as? Int == 0)

            // The replacement is cancelled before it ships: its tee goes back and the return's value with it.
            let exchangeID = try #require(made.json.string("id"))
            let cancelled = try await client.execute(
                uri: "/v1/admin/orders/\(exchangeID)/cancel", method: .post, headers: H.headers(token: staff, key: "c"),
                body: Fixture.json(["reason": "Out of the right colour"]))
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try await Self.stock("TEE-S", shop, on: platform).onHand == 47)
            let refunded = try await client.execute(
                uri: "/v1/admin/returns/\(returnID)/progress", method: .post, headers: H.headers(token: staff),
                body: Fixture.json(["action": "refund"]))
            #expect(refunded.status == .ok, "\(refunded.text)")
            #expect(refunded.json.object("refunded")["amount"] as? Int == 1999)
            #expect(refunded.json.string("exchange_order_id") == exchangeID)
            #expect(refunded.json["exchange_credit"] == nil)
            let again = try await client.execute(
                uri: "/v1/admin/returns/\(returnID)/exchange", method: .post,
                headers: H.headers(token: staff, key: "t"),
                body: Fixture.json(["lines": [["variant_id": shop.mug.rawValue, "quantity": 1]]]))
            #expect(again.status == .conflict, "\(again.text)")
        }
    }

    @Test("staff list returns by status page by page; a customer lists only their own", arguments: TestBackend.allCases)
    func returnLists(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("desk@shop.example", roles: ["owner"], on: platform)
            let staff = try await Fixture.staffToken("desk@shop.example", client: client)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let eve = try await Fixture.customerToken("eve@example.com", on: platform)
            let order = try await Self.paidOrder(
                shop, token: ada, variant: shop.teeS, quantity: 3, key: "l1", client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            try await Self.fulfil(order, ship: true, staff: staff, client: client)
            var returnIDs: [String] = []
            for index in 0..<3 {
                let requested = try await client.execute(
                    uri: "/v1/store/orders/\(orderID)/returns", method: .post,
                    headers: H.headers(token: ada, key: "r\(index)"),
                    body: Fixture.json(["lines": [["line_id": lineID, "quantity": 1, "reason": "no \(index)"]]]))
                #expect(requested.status == .created, "\(requested.text)")
                returnIDs.append(try #require(requested.json.string("id")))
            }
            _ = try await client.execute(
                uri: "/v1/admin/returns/\(returnIDs[0])/progress", method: .post, headers: H.headers(token: staff),
                body: Fixture.json(["action": "approve"]))

            let first = try await client.execute(
                uri: "/v1/admin/returns?status=requested&limit=1", method: .get, headers: H.headers(token: staff))
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json.array("items").compactMap { $0.string("id") } == [returnIDs[2]])
            let next = try #require(first.json.string("next"))
            let second = try await client.execute(
                uri: "/v1/admin/returns?status=requested&limit=1&after=\(next)", method: .get,
                headers: H.headers(token: staff))
            #expect(second.json.array("items").compactMap { $0.string("id") } == [returnIDs[1]])
            #expect(second.json.string("next") == nil)
            let approved = try await client.execute(
                uri: "/v1/admin/returns?status=approved", method: .get, headers: H.headers(token: staff))
            #expect(approved.json.array("items").compactMap { $0.string("id") } == [returnIDs[0]])
            let badCursor = try await client.execute(
                uri: "/v1/admin/returns?after=ord_nope", method: .get, headers: H.headers(token: staff))
            #expect(badCursor.status == .badRequest)

            let mine = try await client.execute(uri: "/v1/store/returns", method: .get, headers: H.headers(token: ada))
            #expect(mine.json.array("items").compactMap { $0.string("id") } == returnIDs.reversed())
            let theirs = try await client.execute(
                uri: "/v1/store/returns", method: .get, headers: H.headers(token: eve))
            #expect(theirs.status == .ok)
            #expect(theirs.json.array("items").isEmpty)
        }
    }
}
