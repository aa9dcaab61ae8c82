import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inventory
import Orders
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// The demo storefront's pages through the router: the journey a shopper's browser makes, and the forms
/// that must be refused.
@Suite("Storefront pages")
struct StorefrontPagesTests {
    static func carts(on platform: Platform) async throws -> Int {
        try await platform.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM checkout_carts").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Product page → cart → address → delivery: the session is ready to pay.
    static func fillCheckout(
        _ shop: TestShop, session: inout BrowserLikeSession, client: some TestClientProtocol
    ) async throws {
        let product = try await session.get("/products/tee", client: client)
        #expect(product.status == .ok)
        let token = try #require(BrowserLikeSession.formToken(in: product.text))
        #expect(product.text.contains(shop.teeS.rawValue))
        let added = try await session.post(
            "/cart/lines", [("_form", token), ("variant_id", shop.teeS.rawValue), ("quantity", "2")], client: client)
        #expect(added.status == .seeOther && added.headers[.location] == "/cart", "\(added.text)")
        let cart = try await session.get("/cart", client: client)
        #expect(cart.text.contains("Organic Tee") && cart.text.contains("id=\"cart-count\">2<"))
        let address = try await session.post(
            "/checkout/address",
            [
                ("_form", token), ("email", "guest@example.com"), ("name", "Gus Guest"), ("line1", "Hauptstr. 1"),
                ("postal_code", "10115"), ("city", "Berlin"), ("country", "DE"),
            ], client: client)
        #expect(address.status == .seeOther, "\(address.text)")
        let checkout = try await session.get("/checkout", client: client)
        let choice = try #require(
            BrowserLikeSession.values(of: "delivery", in: checkout.text).first { $0.hasPrefix("ship:") })
        #expect(choice == "ship:" + shop.parcel.rawValue)
        let delivery = try await session.post(
            "/checkout/delivery", [("_form", token), ("delivery", choice)], client: client)
        #expect(delivery.status == .seeOther, "\(delivery.text)")
    }

    @Test(
        "a guest buys through the pages: the total shown is the total charged, and the order page opens",
        arguments: TestBackend.allCases)
    func guestBuys(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            var session = BrowserLikeSession()
            try await Self.fillCheckout(shop, session: &session, client: client)
            let checkout = try await session.get("/checkout", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: checkout.text))
            let key = try #require(BrowserLikeSession.value(of: "checkout_key", in: checkout.text))
            let pay = [("_form", token), ("checkout_key", key), ("card_number", "4242 4242 4242 4242")]
            let paid = try await session.post("/checkout/payment", pay, client: client)
            #expect(paid.status == .seeOther, "\(paid.text)")
            let location = try #require(paid.headers[.location])
            #expect(location.hasPrefix("/orders/T-"))
            #expect(session.cookies["torv_cart"] == nil, "the checked-out cart is let go")

            let orders = try await platform.database.read { db in
                try await platform.orders.orders(matching: OrderQuery(), limit: 10, on: db)
            }
            #expect(orders.count == 1)
            let order = try #require(orders.first)
            #expect(order.status == .paid)
            #expect(
                checkout.text.contains("Pay \(order.totals.grandTotal.formatted(locale: Locale(identifier: "en_IE")))"))

            let page = try await session.get(location, client: client)
            #expect(page.status == .ok)
            #expect(page.text.contains(order.number) && page.text.contains("Paid, being prepared"))

            // Another browser without the receipt gets the lookup form, and the right e-mail opens the order.
            var stranger = BrowserLikeSession()
            let lookup = try await stranger.get(location, client: client)
            #expect(
                lookup.status == .ok && lookup.text.contains("Find your order") && !lookup.text.contains("Gus Guest"))
            let strangerToken = try #require(BrowserLikeSession.formToken(in: lookup.text))
            let wrong = try await stranger.post(
                "/orders/lookup", [("_form", strangerToken), ("number", order.number), ("email", "someone@else.com")],
                client: client)
            #expect(wrong.status == .notFound && !wrong.text.contains("Gus Guest"))
            let right = try await stranger.post(
                "/orders/lookup", [("_form", strangerToken), ("number", order.number), ("email", "GUEST@example.com")],
                client: client)
            #expect(right.status == .seeOther && right.headers[.location] == location)
            #expect(try await stranger.get(location, client: client).text.contains("Gus Guest"))
        }
    }

    @Test("a double-clicked pay button places one order", arguments: TestBackend.allCases)
    func doubleClick(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            var session = BrowserLikeSession()
            try await Self.fillCheckout(shop, session: &session, client: client)
            let checkout = try await session.get("/checkout", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: checkout.text))
            let key = try #require(BrowserLikeSession.value(of: "checkout_key", in: checkout.text))
            let pay = [("_form", token), ("checkout_key", key), ("card_number", "4242424242424242")]
            let cartCookie = session.cookies
            let first = try await session.post("/checkout/payment", pay, client: client)
            var again = BrowserLikeSession(cookies: cartCookie)
            let second = try await again.post("/checkout/payment", pay, client: client)
            #expect(first.status == .seeOther && second.status == .seeOther, "\(second.text)")
            #expect(first.headers[.location] == second.headers[.location])
            let count = try await platform.database.read { db in
                try await platform.orders.orders(matching: OrderQuery(), limit: 10, on: db).count
            }
            #expect(count == 1)
        }
    }

    @Test(
        "a declined card keeps the shopper on the checkout with the reason, and nothing is charged",
        arguments: TestBackend.allCases)
    func declined(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            var session = BrowserLikeSession()
            try await Self.fillCheckout(shop, session: &session, client: client)
            let checkout = try await session.get("/checkout", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: checkout.text))
            let key = try #require(BrowserLikeSession.value(of: "checkout_key", in: checkout.text))
            let declined = try await session.post(
                "/checkout/payment", [("_form", token), ("checkout_key", key), ("card_number", TestCard.declines)],
                client: client)
            #expect(declined.status.code == 402)
            #expect(declined.text.contains("The card was not accepted"))
            let retryKey = try #require(BrowserLikeSession.value(of: "checkout_key", in: declined.text))
            #expect(retryKey != key, "a fresh attempt gets a fresh key")
            let paid = try await session.post(
                "/checkout/payment",
                [("_form", token), ("checkout_key", retryKey), ("card_number", TestCard.approves)],
                client: client)
            #expect(paid.status == .seeOther, "\(paid.text)")
        }
    }

    @Test(
        "forms without the page's token, from another site or another origin are refused and change nothing",
        arguments: TestBackend.allCases)
    func forgedForms(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            var session = BrowserLikeSession()
            let product = try await session.get("/products/tee", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: product.text))
            let line = [("variant_id", shop.teeS.rawValue), ("quantity", "1")]
            let attempts: [(String, [(String, String)], HTTPFields, Bool)] = [
                ("no token", line, [:], true),
                ("wrong token", line + [("_form", String(repeating: "0", count: 48))], [:], true),
                ("cross-site", line + [("_form", token)], [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], false),
                ("other origin", line + [("_form", token)], [HTTPField.Name("Origin")!: "https://evil.example"], false),
            ]
            for (name, fields, extra, sameOrigin) in attempts {
                let response = try await session.post(
                    "/cart/lines", fields, client: client, extra: extra, sameOrigin: sameOrigin)
                #expect(response.status == .forbidden, "\(name): \(response.status)")
                #expect(response.text.contains("This form could not be accepted"), "\(name)")
            }
            var stranger = BrowserLikeSession()
            let noCookie = try await stranger.post("/cart/lines", line + [("_form", token)], client: client)
            #expect(noCookie.status == .forbidden, "a token without its cookie")
            #expect(try await Self.carts(on: platform) == 0, "no refused post opened a cart")
        }
    }

    @Test("pages answer bad input with readable pages, never a crash", arguments: TestBackend.allCases)
    func badInput(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            var session = BrowserLikeSession()
            let missing = try await session.get("/products/no-such-thing", client: client)
            #expect(missing.status == .notFound && missing.text.contains("<h1>Not found</h1>"))
            let search = try await session.get(
                "/products?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&sort=nonsense", client: client)
            #expect(search.status == .ok)
            #expect(!search.text.contains("<script>alert(1)") && search.text.contains("&lt;script&gt;"))
            // The page's form token is its cookie's value (the double-submit pattern).
            let token = try #require(session.cookies["torv_form"])
            let bad = try await session.post(
                "/cart/lines", [("_form", token), ("variant_id", "not-a-variant"), ("quantity", "-3")], client: client)
            #expect(bad.status == .badRequest || bad.status == .unprocessableContent, "\(bad.status)")
            let checkout = try await session.get("/checkout", client: client)
            #expect(checkout.status == .unprocessableContent && checkout.text.contains("Your cart is empty"))
            let home = try await session.get("/", client: client)
            #expect(home.status == .ok && home.headers[.cacheControl] == "no-store")
            #expect(home.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
        }
    }
}
