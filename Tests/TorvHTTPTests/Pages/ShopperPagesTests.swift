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

/// The storefront's signed-in pages: accounts, group deals and the flash-sale waiting room.
@Suite("Storefront pages for signed-in shoppers")
struct ShopperPagesTests {
    typealias H = CheckoutHTTPTests

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// Registers through the form; the session is then signed in.
    static func register(
        _ name: String, _ email: String, session: inout BrowserLikeSession, client: some TestClientProtocol,
        next: String = ""
    ) async throws -> String {
        let form = try await session.get("/account/login?next=\(next)", client: client)
        let token = try #require(BrowserLikeSession.formToken(in: form.text))
        let registered = try await session.post(
            "/account/register",
            [("_form", token), ("next", next), ("name", name), ("email", email), ("password", "a long password")],
            client: client)
        #expect(registered.status == .seeOther, "\(registered.text)")
        #expect(session.cookies["torv_shopper"] != nil)
        return token
    }

    @Test(
        "a guest's cart comes along when they register; the account lists orders; signing out forgets the session",
        arguments: TestBackend.allCases)
    func accounts(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            var session = BrowserLikeSession()
            let product = try await session.get("/products/tee", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: product.text))
            _ = try await session.post(
                "/cart/lines", [("_form", token), ("variant_id", shop.teeM.rawValue), ("quantity", "3")], client: client
            )
            let guestCart = try #require(session.cookies["torv_cart"])

            let short = try await session.post(
                "/account/register",
                [("_form", token), ("name", "Ann"), ("email", "ann@example.com"), ("password", "short")],
                client: client)
            #expect(
                short.status == .unprocessableContent
                    && short.text.contains("Password must have at least 10 characters"))
            _ = try await Self.register(
                "Ann Account", "ann@example.com", session: &session, client: client, next: "//evil.example")
            let cart = try #require(session.cookies["torv_cart"])
            #expect(cart != guestCart && cart.hasSuffix("."), "the customer's cart needs no guest token")
            let page = try await session.get("/account", client: client)
            #expect(page.status == .ok && page.text.contains("Ann Account") && page.text.contains("No orders yet"))
            #expect(page.text.contains("id=\"cart-count\">3<"), "the guest's three tees are in the customer's cart")

            // Another browser with the same cart cookie but no session cannot reach the customer's cart.
            var thief = BrowserLikeSession(cookies: ["torv_cart": cart])
            #expect(try await thief.get("/cart", client: client).text.contains("id=\"cart-empty\""))

            let out = try await session.post("/account/logout", [("_form", token)], client: client)
            #expect(
                out.status == .seeOther && session.cookies["torv_shopper"] == nil && session.cookies["torv_cart"] == nil
            )
            #expect(try await session.get("/account", client: client).status == .seeOther)

            let wrong = try await session.post(
                "/account/login", [("_form", token), ("email", "ann@example.com"), ("password", "not the password")],
                client: client)
            #expect(wrong.status == .unauthorized && session.cookies["torv_shopper"] == nil)
            let back = try await session.post(
                "/account/login", [("_form", token), ("email", "ann@example.com"), ("password", "a long password")],
                client: client)
            #expect(back.status == .seeOther && back.headers[.location] == "/account")
            #expect(try await session.get("/cart", client: client).text.contains("id=\"cart-count\">3<"))
        }
    }

    @Test(
        "a group deal's page shows progress; only signed-in shoppers join, a declined card takes no seat, and a seat can be left",
        arguments: TestBackend.allCases)
    func groupDeal(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("mia@shop.example", roles: ["marketing"], on: platform)
            let mia = try await Fixture.staffToken("mia@shop.example", client: client)
            let now = platform.clock.now()
            let created = try await client.execute(
                uri: "/v1/admin/group-deals", method: .post, headers: H.headers(token: mia, key: "g1"),
                body: Fixture.json([
                    "title": "Mugs together", "variant_id": shop.mug.rawValue, "min_participants": 2,
                    "tiers": [
                        ["from_participants": 1, "unit_price": ["amount": 800, "currency": "EUR"]],
                        ["from_participants": 3, "unit_price": ["amount": 700, "currency": "EUR"]],
                    ],
                    "opens_at": Self.iso(now), "deadline": Self.iso(now.addingTimeInterval(3600)),
                ]))
            let id = try #require(created.json.string("id"))
            let path = "/deals/\(id)"

            var guest = BrowserLikeSession()
            let shown = try await guest.get(path, client: client)
            #expect(
                shown.status == .ok && shown.text.contains("id=\"deal-joined\">0<")
                    && shown.text.contains("sign-in-to-join"))
            let guestToken = try #require(guest.cookies["torv_form"])
            let anonymous = try await guest.post(
                path + "/join", [("_form", guestToken), ("card_number", TestCard.approves)], client: client)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/account/login") == true)

            var ann = BrowserLikeSession()
            let token = try await Self.register(
                "Ann Deal", "ann@example.com", session: &ann, client: client, next: path)
            let declined = try await ann.post(
                path + "/join", [("_form", token), ("card_number", TestCard.declines)], client: client)
            #expect(declined.status == .unprocessableContent && declined.text.contains("join-problem"))
            #expect(!declined.text.contains("seat-status"))
            let joined = try await ann.post(
                path + "/join", [("_form", token), ("card_number", TestCard.approves)], client: client)
            #expect(joined.status == .seeOther)
            let mine = try await ann.get(path, client: client)
            #expect(mine.text.contains("You are in, number 1") && mine.text.contains("id=\"deal-joined\">1<"))
            #expect(mine.text.contains("\(path)?invited_by=1"), "the invite link credits the seat")
            #expect(mine.text.contains("A. D. joined, number 1"), "the public log shows initials only")
            #expect(!mine.text.contains("Ann Deal joined"))

            let left = try await ann.post(path + "/leave", [("_form", token)], client: client)
            #expect(left.status == .seeOther)
            let after = try await ann.get(path, client: client)
            #expect(after.text.contains("You left this deal") && after.text.contains("id=\"deal-joined\">0<"))
            let missing = try await guest.get("/deals/gdeal_00000000000000000000000000", client: client)
            #expect(missing.status == .notFound)
        }
    }

    @Test(
        "the waiting room lets shoppers in in order: the first buys at the sale price, the next waits on a refreshing page",
        arguments: TestBackend.allCases)
    func flashSale(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("mia@shop.example", roles: ["marketing"], on: platform)
            let mia = try await Fixture.staffToken("mia@shop.example", client: client)
            let now = platform.clock.now()
            let created = try await client.execute(
                uri: "/v1/admin/flash-sales", method: .post, headers: H.headers(token: mia, key: "f1"),
                body: Fixture.json([
                    "title": "Mug rush", "variant_id": shop.mug.rawValue, "price": ["amount": 450, "currency": "EUR"],
                    "quantity": 2, "starts_at": Self.iso(now.addingTimeInterval(60)),
                    "ends_at": Self.iso(now.addingTimeInterval(3600)), "admissions_per_minute": 60,
                ]))
            let id = try #require(created.json.string("id"))
            let path = "/flash/\(id)"
            env.clock.advance(by: 60)

            var ada = BrowserLikeSession()
            let adaToken = try await Self.register(
                "Ada First", "ada@example.com", session: &ada, client: client, next: path)
            var bo = BrowserLikeSession()
            let boToken = try await Self.register(
                "Bo Second", "bo@example.com", session: &bo, client: client, next: path)

            let early = try await ada.post(path + "/claim", [("_form", adaToken), ("quantity", "1")], client: client)
            #expect(early.status == .conflict && early.text.contains("Join the queue first"))
            #expect(try await ada.post(path + "/queue", [("_form", adaToken)], client: client).status == .seeOther)
            #expect(try await bo.post(path + "/queue", [("_form", boToken)], client: client).status == .seeOther)
            let waiting = try await bo.get(path, client: client)
            #expect(waiting.text.contains("http-equiv=\"refresh\"") && waiting.text.contains("ahead of you"))
            #expect(!waiting.text.contains("flash-claim"), "not yet Bo's turn")

            let admitted = try await ada.get(path, client: client)
            #expect(admitted.text.contains("It is your turn") && admitted.text.contains("id=\"flash-claim\""))
            let claimed = try await ada.post(path + "/claim", [("_form", adaToken), ("quantity", "1")], client: client)
            #expect(claimed.status == .seeOther && claimed.headers[.location] == "/cart", "\(claimed.text)")
            let cart = try await ada.get("/cart", client: client)
            #expect(cart.text.contains("Stoneware Mug"))
            #expect(cart.text.contains("id=\"grand-total\">€4.50<"), "the unit is priced at the sale price")
            #expect(try await ada.get(path, client: client).text.contains("id=\"flash-left\">1<"))

            // Bo cannot claim with Ada's place: the queue cookie is Ada's browser's alone.
            var thief = bo
            thief.cookies["torv_queue"] = ada.cookies["torv_queue"]
            let stolen = try await thief.post(path + "/claim", [("_form", boToken), ("quantity", "1")], client: client)
            #expect(stolen.status == .conflict)
            #expect(try await ada.get(path, client: client).text.contains("id=\"flash-left\">1<"))
        }
    }

    @Test(
        "a customer sends back part of a shipped order from its page; a guest and another customer cannot",
        arguments: TestBackend.allCases)
    func returns(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let staff = try await Fixture.staffToken("owner@shop.example", client: client)
            var ann = BrowserLikeSession()
            let token = try await Self.register("Ann Return", "ann@example.com", session: &ann, client: client)
            try await StorefrontPagesTests.fillCheckout(shop, session: &ann, client: client)
            let checkout = try await ann.get("/checkout", client: client)
            let key = try #require(BrowserLikeSession.value(of: "checkout_key", in: checkout.text))
            let paid = try await ann.post(
                "/checkout/payment", [("_form", token), ("checkout_key", key), ("card_number", TestCard.approves)],
                client: client)
            let path = try #require(paid.headers[.location])
            let account = try await ann.get("/account", client: client)
            #expect(
                account.text.contains(String(path.dropFirst("/orders/".count))), "the order is listed on the account")
            let order = try await ann.get(path, client: client)
            #expect(order.text.contains("No returns for this order") && order.text.contains("return-form\" hidden"))

            // Staff ship the two tees.
            let number = String(path.dropFirst("/orders/".count))
            let found = try await platform.database.read { db in try await platform.orders.order(number: number, on: db)
            }
            let fulfil = try await client.execute(
                uri: "/v1/admin/orders/\(found.id.rawValue)/fulfilments", method: .post,
                headers: H.headers(token: staff, key: "f1"),
                body: Fixture.json(["lines": [["line_id": found.lines[0].id.rawValue, "quantity": 2]]]))
            let fulfilmentID = try #require(fulfil.json.array("fulfilments").first?.string("id"))
            for step in [
                ["action": "pick"], ["action": "pack"],
                ["action": "ship", "carrier": "DHL", "tracking_number": "DHL1"],
            ] {
                _ = try await client.execute(
                    uri: "/v1/admin/fulfilments/\(fulfilmentID)/progress", method: .post,
                    headers: H.headers(token: staff),
                    body: Fixture.json(step))
            }
            let shipped = try await ann.get(path, client: client)
            let field = "quantity_\(found.lines[0].id.rawValue)"
            #expect(shipped.text.contains("name=\"\(field)\"") && !shipped.text.contains("return-form\" hidden"))

            var bo = BrowserLikeSession()
            let boToken = try await Self.register("Bo Other", "bo@example.com", session: &bo, client: client)
            let foreign = try await bo.post(
                path + "/returns", [("_form", boToken), (field, "1"), ("reason", "mine now")], client: client)
            #expect(foreign.status == .notFound, "another customer's order")
            let nothing = try await ann.post(
                path + "/returns", [("_form", token), (field, "0"), ("reason", "x")], client: client)
            #expect(nothing.status == .unprocessableContent)
            let sent = try await ann.post(
                path + "/returns", [("_form", token), (field, "1"), ("reason", "Too small")], client: client)
            #expect(sent.status == .seeOther, "\(sent.text)")
            let after = try await ann.get(path, client: client)
            #expect(after.text.contains("Requested") && after.text.contains("1 × Organic Tee: Too small"))
            let returns = try await platform.database.read { db in
                try await platform.orders.returns(of: found.id, on: db)
            }
            #expect(returns.count == 1 && returns.first?.lines.first?.quantity == 1)
        }
    }
}
