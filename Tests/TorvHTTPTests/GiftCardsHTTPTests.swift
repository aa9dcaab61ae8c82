import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Gift cards over HTTP")
struct GiftCardsHTTPTests {
    typealias H = CheckoutHTTPTests

    static func eur(_ amount: Int) -> [String: Any] { ["amount": amount, "currency": "EUR"] }

    @Test(
        "support issues a card, a guest checks its balance and pays with it; other staff and shoppers are refused",
        arguments: TestBackend.allCases)
    func issueAndSpend(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            let help = try await Fixture.staffToken("help@shop.example", client: client)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)

            let body: [String: Any] = ["value": Self.eur(2_000), "reason": "goodwill", "note": "Late parcel"]
            let issued = try await client.execute(
                uri: "/v1/admin/gift-cards", method: .post, headers: H.headers(token: help, key: "gc-1"),
                body: Fixture.json(body))
            #expect(issued.status == .created, "\(issued.text)")
            let code = try #require(issued.json.string("code"))
            let cardID = try #require(issued.json.object("card").string("id"))
            let refused = try await client.execute(
                uri: "/v1/admin/gift-cards", method: .post, headers: H.headers(token: dock, key: "gc-2"),
                body: Fixture.json(body))
            #expect(refused.status == .forbidden)
            let hidden = try await client.execute(
                uri: "/v1/admin/gift-cards/\(cardID)", method: .get, headers: H.headers(token: dock))
            #expect(hidden.status == .forbidden)
            let invalid = try await client.execute(
                uri: "/v1/admin/gift-cards", method: .post, headers: H.headers(token: help, key: "gc-3"),
                body: Fixture.json(["value": Self.eur(500), "reason": "goodwill", "kind": "store_credit"]))
            #expect(invalid.status == .badRequest)
            #expect(invalid.json.array("errors").first?.string("pointer") == "/customer_id", "\(invalid.text)")

            let balance = try await client.execute(
                uri: "/v1/store/gift-cards/balance", method: .post, headers: H.headers(),
                body: Fixture.json(["code": code.lowercased()]))
            #expect(balance.status == .ok, "\(balance.text)")
            #expect(balance.json.object("balance")["amount"] as? Int == 2_000)
            let unknown = try await client.execute(
                uri: "/v1/store/gift-cards/balance", method: .post, headers: H.headers(),
                body: Fixture.json(["code": "AAAA-BBBB-CCCC-DDDD"]))
            #expect(unknown.status == .notFound && unknown.json.string("code") == "gift_card_not_found")

            // A wrong code at checkout is named by its place in the list, and nothing is written.
            let cart = try await H.guestCart(shop, client: client)
            let card =
                ["number": "4242 4242 4242 4242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123"]
                as [String: Any]
            let wrong = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                headers: H.headers(cart: cart.token, key: "p1"),
                body: Fixture.json(["payment_method": "card", "card": card, "gift_cards": [code, "nonsense"]]))
            #expect(wrong.status == .badRequest, "\(wrong.text)")
            #expect(wrong.json.array("errors").first?.string("pointer") == "/gift_cards/1")
            let paid = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                headers: H.headers(cart: cart.token, key: "p2"),
                body: Fixture.json(["payment_method": "card", "card": card, "gift_cards": [code]]))
            #expect(paid.status == .created, "\(paid.text)")
            #expect(paid.json.object("order").object("gift_card_total")["amount"] as? Int == 2_000)
            #expect(paid.json.object("payment").object("captured")["amount"] as? Int == 4_488 - 2_000)

            let detail = try await client.execute(
                uri: "/v1/admin/gift-cards/\(cardID)", method: .get, headers: H.headers(token: help))
            #expect(detail.json.object("card").object("balance")["amount"] as? Int == 0)
            #expect(detail.json.array("movements").compactMap { $0.string("kind") } == ["issued", "redeemed"])
            let disabled = try await client.execute(
                uri: "/v1/admin/gift-cards/\(cardID)/status", method: .post, headers: H.headers(token: help),
                body: Fixture.json(["status": "disabled", "reason": "reported stolen"]))
            #expect(disabled.json.string("status") == "disabled", "\(disabled.text)")
        }
    }

    @Test("store credit is seen and spent by its owner alone", arguments: TestBackend.allCases)
    func storeCredit(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            let help = try await Fixture.staffToken("help@shop.example", client: client)
            let ann = try await Fixture.customerToken("ann@example.com", on: platform)
            let bob = try await Fixture.customerToken("bob@example.com", on: platform)
            let me = try await client.execute(uri: "/v1/store/me", method: .get, headers: H.headers(token: ann))
            let annID = try #require(me.json.string("id"))
            let issued = try await client.execute(
                uri: "/v1/admin/gift-cards", method: .post, headers: H.headers(token: help, key: "sc-1"),
                body: Fixture.json([
                    "value": Self.eur(1_500), "reason": "goodwill", "kind": "store_credit", "customer_id": annID,
                ]))
            #expect(issued.status == .created, "\(issued.text)")
            let code = try #require(issued.json.string("code"))
            let own = try await client.execute(
                uri: "/v1/store/me/store-credit", method: .get, headers: H.headers(token: ann))
            #expect(own.json.array("items").count == 1, "\(own.text)")
            let other = try await client.execute(
                uri: "/v1/store/me/store-credit", method: .get, headers: H.headers(token: bob))
            #expect(other.json.array("items").isEmpty)
            for token in [bob, nil] as [String?] {
                let peek = try await client.execute(
                    uri: "/v1/store/gift-cards/balance", method: .post, headers: H.headers(token: token),
                    body: Fixture.json(["code": code]))
                #expect(peek.status == .notFound)
            }
            let mine = try await client.execute(
                uri: "/v1/store/gift-cards/balance", method: .post, headers: H.headers(token: ann),
                body: Fixture.json(["code": code]))
            #expect(mine.status == .ok)
        }
    }
}
