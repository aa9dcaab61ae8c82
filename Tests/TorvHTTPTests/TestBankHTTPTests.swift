import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inventory
import NIOCore
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

/// 3-D Secure in `torv serve`: the checkout's challenge URL leads to the simulated bank's page, and the
/// shopper's answer settles the order through the verified webhook path.
@Suite("The simulated bank's 3-D Secure page")
struct TestBankHTTPTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func challengedCheckout(
        _ shop: TestShop, client: some TestClientProtocol, key: String
    ) async throws -> (orderID: String, url: String) {
        let cart = try await CheckoutHTTPTests.guestCart(shop, client: client)
        let started = try await client.execute(
            uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
            headers: CheckoutHTTPTests.headers(cart: cart.token, key: key),
            body: Fixture.json([
                "payment_method": "card",
                "card": ["number": TestCard.requiresChallenge, "expiry_month": 12, "expiry_year": 2030, "cvc": "123"],
            ]))
        #expect(started.status == .accepted, "\(started.text)")
        let url = try #require(started.json.object("payment").string("next_action_url"))
        #expect(url.hasPrefix(TestCardWebhooks.challengePath))
        return (try #require(started.json.object("order").string("id")), url)
    }

    static func status(of orderID: String, on platform: Platform) async throws -> OrderStatus? {
        let id = try #require(OrderID(orderID))
        return try await platform.database.read { db in try await platform.orders.order(id, on: db).status }
    }

    static func inStock(_ sku: String, on platform: Platform) async throws -> Int? {
        try await platform.database.read { db in
            try await platform.inventory.availability(of: [sku], on: db).first?.inStock
        }
    }

    @Test(
        "approving on the bank page pays the order; the link then has nothing left to approve",
        arguments: TestBackend.allCases)
    func approve(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let checkout = try await Self.challengedCheckout(shop, client: client, key: "3ds-approve")
            #expect(try await Self.status(of: checkout.orderID, on: platform) == .placed)

            let page = try await client.execute(uri: checkout.url, method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("44.88"), "the page shows the amount to approve: \(page.text)")
            #expect(page.text.contains("action=\"\(checkout.url)\""))

            let answered = try await client.execute(
                uri: checkout.url, method: .post, headers: Self.form, body: ByteBuffer(string: "answer=approve"))
            #expect(answered.status == .ok)
            #expect(answered.text.contains("Payment approved"))
            #expect(try await Self.status(of: checkout.orderID, on: platform) == .paid)

            let again = try await client.execute(
                uri: checkout.url, method: .post, headers: Self.form, body: ByteBuffer(string: "answer=decline"))
            #expect(again.status == .notFound)
            #expect(try await Self.status(of: checkout.orderID, on: platform) == .paid)
        }
    }

    @Test(
        "failing the check cancels the order and frees its stock; nonsense is refused", arguments: TestBackend.allCases)
    func decline(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let before = try #require(try await Self.inStock("TEE-S", on: platform))
            let checkout = try await Self.challengedCheckout(shop, client: client, key: "3ds-decline")
            #expect(try await Self.inStock("TEE-S", on: platform) == before - 2)

            let nonsense = try await client.execute(
                uri: checkout.url, method: .post, headers: Self.form, body: ByteBuffer(string: "answer=maybe"))
            #expect(nonsense.status == .badRequest)
            let unknown = try await client.execute(uri: TestCardWebhooks.challengePath + "ch_test_1_0", method: .get)
            #expect(unknown.status == .notFound)

            let answered = try await client.execute(
                uri: checkout.url, method: .post, headers: Self.form, body: ByteBuffer(string: "answer=decline"))
            #expect(answered.status == .ok)
            #expect(answered.text.contains("not approved"))
            #expect(try await Self.status(of: checkout.orderID, on: platform) == .cancelled)
            #expect(try await Self.inStock("TEE-S", on: platform) == before, "the reservation is released")
        }
    }
}
