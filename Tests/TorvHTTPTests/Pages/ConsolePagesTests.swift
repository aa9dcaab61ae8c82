import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Inventory
import NIOCore
import Persistence
import TestSupport
import Testing
import TorvCore

/// The console's sign-in, its guard on every page, and the dashboard's figures.
@Suite("Console pages")
struct ConsolePagesTests {
    /// Signs in through the form and returns the session.
    static func signIn(
        _ email: String, client: some TestClientProtocol, next: String = "/admin"
    ) async throws -> BrowserLikeSession {
        var session = BrowserLikeSession()
        let form = try await session.get("/admin/login?next=\(next)", client: client)
        let token = try #require(BrowserLikeSession.formToken(in: form.text))
        let signedIn = try await session.post(
            "/admin/login", [("_form", token), ("next", next), ("email", email), ("password", Fixture.password)],
            client: client)
        #expect(signedIn.status == .seeOther, "\(signedIn.text)")
        return session
    }

    @Test(
        "signing in opens the dashboard; a wrong password, a forged form and a foreign next are refused",
        arguments: TestBackend.allCases)
    func signIn(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            var session = BrowserLikeSession()
            let away = try await session.get("/admin", client: client)
            #expect(away.status == .seeOther && away.headers[.location] == "/admin/login?next=/admin")

            let form = try await session.get("/admin/login?next=/admin", client: client)
            #expect(form.status == .ok && form.text.contains("autocomplete=\"current-password\""))
            let token = try #require(BrowserLikeSession.formToken(in: form.text))
            let wrong = try await session.post(
                "/admin/login", [("_form", token), ("email", "owner@shop.example"), ("password", "nope")],
                client: client)
            #expect(wrong.status == .unauthorized && wrong.text.contains("sign-in-problem"))
            #expect(session.cookies["torv_staff"] == nil)
            let forged = try await session.post(
                "/admin/login", [("email", "owner@shop.example"), ("password", Fixture.password)], client: client)
            #expect(forged.status == .forbidden && session.cookies["torv_staff"] == nil)

            let foreign = try await session.post(
                "/admin/login",
                [
                    ("_form", token), ("next", "//evil.example/admin"), ("email", "owner@shop.example"),
                    ("password", Fixture.password),
                ],
                client: client)
            #expect(foreign.status == .seeOther && foreign.headers[.location] == "/admin")
            let cookie = try #require(foreign.headers[values: .setCookie].first { $0.hasPrefix("torv_staff=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("Path=/admin") && cookie.contains("SameSite=Lax"))

            let dashboard = try await session.get("/admin", client: client)
            #expect(dashboard.status == .ok)
            #expect(
                dashboard.text.contains("Revenue today") && dashboard.text.components(separatedBy: "<svg").count == 4)
        }
    }

    @Test(
        "with two-factor sign-in the password leads to the code step, and only a right code signs in",
        arguments: TestBackend.allCases)
    func twoFactor(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let owner = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let enrollment = try await platform.identity.beginTwoFactorEnrollment(for: owner.id, in: platform.database)
            let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
            _ = try await platform.identity.confirmTwoFactorEnrollment(
                for: owner.id, code: totp.code(forStep: totp.step(at: platform.clock.now())), by: .system,
                in: platform.database)
            env.clock.advance(by: 30)

            var session = BrowserLikeSession()
            let form = try await session.get("/admin/login", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: form.text))
            let password = try await session.post(
                "/admin/login", [("_form", token), ("email", "owner@shop.example"), ("password", Fixture.password)],
                client: client)
            #expect(password.status == .seeOther && password.headers[.location]?.hasPrefix("/admin/login/code") == true)
            #expect(session.cookies["torv_staff"] == nil && session.cookies["torv_staff_2fa"] != nil)
            #expect(
                try await session.get("/admin", client: client).status == .seeOther, "a password alone opens nothing")

            let codePage = try await session.get("/admin/login/code", client: client)
            #expect(codePage.text.contains("autocomplete=\"one-time-code\""))
            let wrong = try await session.post(
                "/admin/login/code", [("_form", token), ("code", "000000")], client: client)
            #expect(wrong.status == .unauthorized && session.cookies["torv_staff"] == nil)
            let code = totp.code(forStep: totp.step(at: platform.clock.now()))
            let right = try await session.post(
                "/admin/login/code", [("_form", token), ("code", code), ("next", "/admin")], client: client)
            #expect(right.status == .seeOther && right.headers[.location] == "/admin")
            #expect(session.cookies["torv_staff"] != nil && session.cookies["torv_staff_2fa"] == nil)
            #expect(try await session.get("/admin", client: client).status == .ok)
        }
    }

    @Test("signing out ends the session: the old cookie opens nothing", arguments: TestBackend.allCases)
    func signOut(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            var session = try await Self.signIn("owner@shop.example", client: client)
            let stolen = session
            let page = try await session.get("/admin", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: page.text))
            let out = try await session.post("/admin/logout", [("_form", token)], client: client)
            #expect(out.status == .seeOther && out.headers[.location] == "/admin/login")
            #expect(session.cookies["torv_staff"] == nil)
            var replay = stolen
            #expect(try await replay.get("/admin", client: client).status == .seeOther)
        }
    }

    @Test("staff without the orders permission see no sales figures", arguments: TestBackend.allCases)
    func accountant(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("books@shop.example", roles: ["accountant"], on: platform)
            var session = try await Self.signIn("books@shop.example", client: client)
            let page = try await session.get("/admin", client: client)
            #expect(page.status == .ok && page.text.contains("Welcome"))
            #expect(!page.text.contains("Revenue today") && !page.text.contains("<svg"))
            #expect(!page.text.contains("href=\"/admin/orders\""), "the navigation offers only what the role opens")
        }
    }

    @Test("the dashboard's revenue and orders are today's paid and placed orders", arguments: TestBackend.allCases)
    func dashboardFigures(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            env.clock.advance(by: 60)
            var totals: [Money] = []
            for key in ["dash-1", "dash-2"] {
                let cart = try await CheckoutHTTPTests.guestCart(
                    shop, client: client, quantity: key == "dash-1" ? 1 : 3)
                let placed = try await client.execute(
                    uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                    headers: CheckoutHTTPTests.headers(cart: cart.token, key: key),
                    body: Fixture.json([
                        "payment_method": "card",
                        "card": ["number": "4242424242424242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123"],
                    ]))
                #expect(placed.status == .created, "\(placed.text)")
                let amount = try #require(
                    placed.json.object("order").object("totals").object("grand_total")["amount"] as? Int)
                totals.append(Money(minorUnits: Int64(amount), currency: .eur))
            }
            // MUG alerts at 1000 units, far above what the shop holds in all its locations; TEE-M has no threshold.
            let available = try await platform.database.read { db in
                try await platform.inventory.stockLevels(of: "MUG", on: db).reduce(0) { $0 + $1.available }
            }
            _ = try await platform.database.inTransaction { db in
                try await platform.inventory.setPolicy(
                    StockPolicy(sku: "MUG", lowStockThreshold: 1000), by: TestShop.actor, on: db)
            }
            var session = try await Self.signIn("owner@shop.example", client: client)
            let page = try await session.get("/admin", client: client)
            let alert = "<tr><th scope=\"row\">MUG</th><td>\(available)</td><td>1000</td></tr>"
            #expect(page.text.contains(alert), "low stock: \(page.text)")
            #expect(!page.text.contains("<th scope=\"row\">TEE-M</th>"))
            // Two carts opened, both reached checkout, both ordered and paid.
            for stage in ["Carts opened", "Reached checkout", "Ordered", "Paid"] {
                #expect(page.text.contains("<tr><th scope=\"row\">\(stage)</th><td>2</td>"), "\(stage)")
            }
            let revenue = Money(minorUnits: totals.reduce(0) { $0 + $1.amount }, currency: .eur)
            let shown = revenue.formatted(locale: Locale(identifier: "en_IE"))
            #expect(page.text.contains("<strong class=\"figure-value\">\(shown)</strong>"), "revenue \(shown)")
            #expect(page.text.contains("<span class=\"figure-detail\">2 orders</span>"))
            #expect(page.text.contains("Organic Tee"), "the best seller")
        }
    }
}
