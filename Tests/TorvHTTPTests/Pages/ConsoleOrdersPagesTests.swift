import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Orders
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Back-office console: the orders pages")
struct ConsoleOrdersPagesTests {
    typealias Sale = AfterSaleHTTPTests

    static func order(_ id: String, on platform: Platform) async throws -> Order {
        let id = try #require(OrderID(id))
        return try await platform.database.read { db in try await platform.orders.order(id, on: db) }
    }

    static func fulfilments(of id: String, on platform: Platform) async throws -> [Fulfilment] {
        let id = try #require(OrderID(id))
        return try await platform.database.read { db in try await platform.orders.fulfilments(of: id, on: db) }
    }

    static func timeline(of id: String, on platform: Platform) async throws -> [OrderTimelineEntry] {
        let id = try #require(OrderID(id))
        return try await platform.database.read { db in try await platform.orders.timeline(id, on: db) }
    }

    /// A seeded shop with a customer's paid parcel order of two tees.
    static func paidOrder(
        _ env: TestEnvironment, _ platform: Platform, client: some TestClientProtocol, email: String = "ada@example.com"
    ) async throws -> (shop: TestShop, order: [String: Any]) {
        let shop = try await TestShop.seed(on: platform)
        env.clock.advance(by: 60)
        let ada = try await Fixture.customerToken(email, on: platform)
        let order = try await Sale.paidOrder(
            shop, token: ada, variant: shop.teeS, quantity: 2, key: "o1", client: client)
        return (shop, order)
    }

    @Test("staff who may read orders see the list, search it and open an order", arguments: TestBackend.allCases)
    func listSearchAndOpen(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (shop, first) = try await Self.paidOrder(env, platform, client: client)
            let bea = try await Fixture.customerToken("bea@example.com", on: platform)
            let second = try await Sale.paidOrder(
                shop, token: bea, variant: shop.mug, quantity: 1, key: "o2", client: client)
            let (firstNumber, secondNumber) = (
                try #require(first.string("number")), try #require(second.string("number"))
            )
            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)

            let list = try await sam.get("/admin/orders")
            #expect(list.status == .ok, "\(list.text)")
            #expect(list.text.contains(firstNumber) && list.text.contains(secondNumber))
            #expect(list.text.contains("ada@example.com") && list.text.contains("Paid, to fulfil"))

            let search = try await sam.get("/admin/orders?q=\(secondNumber)")
            #expect(search.text.contains(secondNumber))
            #expect(!search.text.contains(firstNumber))
            // Both orders were placed with ada@example.com (the checkout fixture's contact address).
            let byMail = try await sam.get("/admin/orders?q=ADA%40example")
            #expect(byMail.text.contains(firstNumber) && byMail.text.contains(secondNumber))
            let nobody = try await sam.get("/admin/orders?q=nobody%40example")
            #expect(nobody.text.contains("No orders match") && !nobody.text.contains(firstNumber))
            let none = try await sam.get("/admin/orders?status=cancelled")
            #expect(none.text.contains("No orders match"))
            #expect(!none.text.contains(firstNumber))

            // One order a page: the newest first, then an "Older orders" link to the other.
            let newest = try await sam.get("/admin/orders?limit=1")
            #expect(newest.text.contains(secondNumber) && !newest.text.contains(firstNumber))
            let older = try #require(Self.link(id: "older-orders", in: newest.text))
            let next = try await sam.get(older)
            #expect(next.text.contains(firstNumber) && !next.text.contains(secondNumber))
            #expect(Self.link(id: "older-orders", in: next.text) == nil)

            let orderID = try #require(first.string("id"))
            let page = try await sam.get("/admin/orders/\(orderID)")
            #expect(page.status == .ok, "\(page.text)")
            for expected in [firstNumber, "TEE-S", "Organic Tee", "Storgatan 1", "Captured", "Order paid"] {
                #expect(page.text.contains(expected), "the order page shows \(expected)")
            }
            // Support may cancel and refund, not fulfil: the page offers only their forms.
            #expect(page.text.contains("/admin/orders/\(orderID)/refunds"))
            #expect(!page.text.contains("/admin/orders/\(orderID)/fulfilments\""))

            let missing = try await sam.get("/admin/orders/ord_nothing")
            #expect(missing.status == .notFound)
            let odd = try await sam.get("/admin/orders/\(orderID)?done=%3Cscript%3Ealert(1)%3C/script%3E")
            #expect(odd.status == .ok)
            #expect(!odd.text.contains("alert(1)"))
        }
    }

    @Test("without a session the console sends the browser to sign in", arguments: TestBackend.allCases)
    func signInFirst(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (_, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let stranger = ConsoleBrowser(client: client, session: nil)
            for uri in ["/admin/orders", "/admin/orders/\(orderID)"] {
                let response = try await stranger.get(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.location?.hasPrefix("/admin/login") == true, "\(uri) → \(response.location ?? "")")
            }
            let post = try await stranger.post("/admin/orders/\(orderID)/cancel", [("reason", "no")])
            #expect(post.status == .seeOther || post.status == .forbidden)
            #expect(try await Self.order(orderID, on: platform).status == .paid)
        }
    }

    @Test(
        "staff without the orders permission are refused, and their posts change nothing",
        arguments: TestBackend.allCases)
    func withoutPermission(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (_, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            let max = try await ConsoleBrowser.signIn(
                "max@shop.example", roles: ["merchandiser"], on: platform, client: client)

            #expect(try await max.get("/admin/orders").status == .forbidden)
            #expect(try await max.get("/admin/orders/\(orderID)").status == .forbidden)
            let fulfil = try await max.post("/admin/orders/\(orderID)/fulfilments", [("quantity_\(lineID)", "2")])
            #expect(fulfil.status == .forbidden)
            #expect(try await Self.fulfilments(of: orderID, on: platform).isEmpty)

            // The warehouse fulfils orders but does not refund them.
            let wes = try await ConsoleBrowser.signIn(
                "wes@shop.example", roles: ["warehouse"], on: platform, client: client)
            let page = try await wes.get("/admin/orders/\(orderID)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("/refunds"))
            let refund = try await wes.post(
                "/admin/orders/\(orderID)/refunds", [("amount", "1.00"), ("reason", "goodwill")])
            #expect(refund.status == .forbidden)
            #expect(try await Self.order(orderID, on: platform).refundedTotal.amount == 0)
        }
    }

    @Test(
        "a form without its token, or sent from another site, is refused and changes nothing",
        arguments: TestBackend.allCases)
    func forgedForms(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (_, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)

            let tokenless = try await owner.post(
                "/admin/orders/\(orderID)/cancel", [("reason", "forged")], withToken: false)
            #expect(tokenless.status == .forbidden)
            let crossSite = try await owner.post(
                "/admin/orders/\(orderID)/cancel", [("reason", "forged")],
                headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let crossRefund = try await owner.post(
                "/admin/orders/\(orderID)/refunds", [("amount", "1.00"), ("reason", "forged")],
                headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossRefund.status == .forbidden)

            let unchanged = try await Self.order(orderID, on: platform)
            #expect(unchanged.status == .paid)
            #expect(unchanged.refundedTotal.amount == 0)
        }
    }

    /// The `href` of the link with `id`, HTML entities decoded.
    static func link(id: String, in html: String) -> String? {
        guard let tag = html.range(of: "id=\"\(id)\"").map({ html[..<$0.lowerBound] }),
            let href = tag.range(of: "href=\"", options: .backwards)
        else { return nil }
        let rest = tag[href.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
    }
}
