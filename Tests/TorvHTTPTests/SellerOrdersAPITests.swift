import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import Sellers
import TestSupport
import Testing
import TorvCore

/// Split orders through the API: a shopper buys from two sellers and the shop in one checkout, each seller
/// sees and ships only their own sub-order, and confirming delivery credits the seller's balance.
@Suite("Marketplace orders through the API")
struct SellerOrdersAPITests {
    static var card: [String: Any] {
        [
            "number": "4242 4242 4242 4242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123",
        ]
    }

    @Test(
        "one checkout, two sellers: each seller ships its own part, never the other's; the buyer sees both",
        arguments: TestBackend.allCases)
    func splitOrderJourney(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            try await TestMarketplace.setCommission(on: platform)
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            let operatorToken = try await Fixture.staffToken("ops@shop.example", client: client)
            let sellerA = try await MarketplaceAPITests.apply(
                "Nordic Ceramics", kind: "business", email: "a@nordic.example", client: client)
            let sellerB = try await MarketplaceAPITests.apply(
                "Other Goods", kind: "business", email: "b@other.example", client: client)
            try await MarketplaceAPITests.approve(sellerA, operatorToken: operatorToken, client: client)
            try await MarketplaceAPITests.approve(sellerB, operatorToken: operatorToken, client: client)
            let (a, b) = (Fixture.bearer(sellerA.token), Fixture.bearer(sellerB.token))
            let offerA = try await TestMarketplace.offer(
                shop.mug.rawValue, by: try #require(SellerID(sellerA.id)), price: 1_500, quantity: 4, on: platform)
            let offerB = try await TestMarketplace.offer(
                shop.teeM.rawValue, by: try #require(SellerID(sellerB.id)), price: 2_000, quantity: 4, on: platform)
            env.clock.advance(by: 60)

            // A guest cart with the shop's tee and one item from each seller.
            let cart = try await CheckoutHTTPTests.guestCart(shop, client: client, quantity: 1)
            for (offer, variant) in [(offerA, shop.mug), (offerB, shop.teeM)] {
                let added = try await client.execute(
                    uri: "/v1/store/carts/\(cart.id)/lines", method: .post,
                    headers: CheckoutHTTPTests.headers(cart: cart.token),
                    body: Fixture.json(["variant_id": variant.rawValue, "offer_id": offer.id.rawValue, "quantity": 1]))
                #expect(added.status == .ok, "\(added.text)")
            }
            let viewed = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)", method: .get, headers: CheckoutHTTPTests.headers(cart: cart.token))
            let lines = viewed.json.array("lines")
            #expect(Set(lines.compactMap { $0.string("seller_id") }) == [sellerA.id, sellerB.id])
            #expect(lines.contains { $0.string("seller_name") == "Nordic Ceramics" })

            let paid = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                headers: CheckoutHTTPTests.headers(cart: cart.token, key: "split-1"),
                body: Fixture.json(["payment_method": "card", "card": Self.card]))
            #expect(paid.status == .created, "\(paid.text)")
            let order = paid.json.object("order")
            #expect(order.string("status") == "paid")

            // Each seller lists exactly one sub-order: its own.
            var response = try await client.execute(uri: "/v1/seller/orders", method: .get, headers: a)
            #expect(response.status == .ok, "\(response.text)")
            let ownA = response.json.array("items")
            #expect(ownA.count == 1)
            let subA = try #require(ownA.first?.string("id"))
            #expect((ownA.first?["goods"] as? [String: Any])?["amount"] as? Int == 1_500)
            response = try await client.execute(uri: "/v1/seller/orders", method: .get, headers: b)
            let subB = try #require(response.json.array("items").first?.string("id"))
            #expect(subA != subB)

            // Seller B cannot read, ship or confirm seller A's sub-order: it does not exist for B.
            response = try await client.execute(uri: "/v1/seller/orders/\(subA)", method: .get, headers: b)
            #expect(response.status == .notFound, "\(response.text)")
            var keyed = b
            keyed[CheckoutHTTPTests.idempotencyKey] = "ship-b"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/shipment", method: .post, headers: keyed,
                body: Fixture.json(["carrier": "DHL", "tracking_number": "JJD0001"]))
            #expect(response.status == .notFound, "\(response.text)")
            keyed[CheckoutHTTPTests.idempotencyKey] = "deliver-b"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/delivery", method: .post, headers: keyed)
            #expect(response.status == .notFound, "\(response.text)")
            keyed[CheckoutHTTPTests.idempotencyKey] = "cancel-b"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/cancellation", method: .post, headers: keyed,
                body: Fixture.json(["reason": "not mine"]))
            #expect(response.status == .notFound, "\(response.text)")
            // Nor can a shopper or a stranger use seller routes at all.
            response = try await client.execute(uri: "/v1/seller/orders", method: .get)
            #expect(response.status == .unauthorized)

            // A finance user of seller A reads its orders but may not ship them.
            response = try await client.execute(
                uri: "/v1/seller/users", method: .post, headers: a,
                body: Fixture.json([
                    "email": "books@nordic.example", "password": MarketplaceAPITests.password, "name": "Fin",
                    "role": "finance",
                ]))
            #expect(response.status == .created, "\(response.text)")
            var finance = Fixture.bearer(
                try await platform.identity.loginSellerUser(
                    email: "books@nordic.example", password: MarketplaceAPITests.password, in: platform.database
                ).0.token)
            response = try await client.execute(uri: "/v1/seller/orders/\(subA)", method: .get, headers: finance)
            #expect(response.status == .ok, "\(response.text)")
            finance[CheckoutHTTPTests.idempotencyKey] = "ship-finance"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/shipment", method: .post, headers: finance,
                body: Fixture.json(["carrier": "DHL", "tracking_number": "JJD0001"]))
            #expect(response.status == .forbidden, "\(response.text)")

            // Seller A sees its line and the address, ships with tracking, confirms delivery.
            response = try await client.execute(uri: "/v1/seller/orders/\(subA)", method: .get, headers: a)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.array("lines").count == 1)
            #expect(response.json.object("shipping_address").string("city") == "Malmö")
            #expect(response.json["email"] == nil)
            keyed = a
            keyed[CheckoutHTTPTests.idempotencyKey] = "ship-a"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/shipment", method: .post, headers: keyed,
                body: Fixture.json(["carrier": "DHL", "tracking_number": "JJD0001"]))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.string("status") == "shipped")
            keyed[CheckoutHTTPTests.idempotencyKey] = "ship-a-bad"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/shipment", method: .post, headers: keyed,
                body: Fixture.json(["carrier": "DHL", "tracking_number": "no spaces allowed"]))
            #expect(response.status == .conflict || response.status == .badRequest, "\(response.text)")
            keyed[CheckoutHTTPTests.idempotencyKey] = "deliver-a"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/delivery", method: .post, headers: keyed)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.string("status") == "delivered")
            response = try await client.execute(uri: "/v1/seller/balance", method: .get, headers: a)
            let balance = response.json.array("items").first ?? [:]
            #expect((balance["pending"] as? [String: Any])?["amount"] as? Int == 1_500)
            response = try await client.execute(uri: "/v1/seller/balance", method: .get, headers: b)
            #expect(response.json.array("items").isEmpty, "\(response.text)")

            // The buyer's order shows both sellers' parts and where each stands.
            let orderID = try #require(order.string("id"))
            _ = try await Fixture.staff("desk@shop.example", roles: ["owner"], on: platform)
            let desk = Fixture.bearer(try await Fixture.staffToken("desk@shop.example", client: client))
            response = try await client.execute(uri: "/v1/admin/orders/\(orderID)", method: .get, headers: desk)
            let parts = response.json.array("sub_orders")
            #expect(parts.count == 2, "\(response.text)")
            #expect(parts.first { $0.string("id") == subA }?.string("status") == "delivered")
            #expect(parts.first { $0.string("id") == subB }?.string("status") == "open")

            // Seller B cannot fulfil after all: its part is cancelled and refunded, A's delivery stands.
            keyed = b
            keyed[CheckoutHTTPTests.idempotencyKey] = "cancel-b-own"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subB)/cancellation", method: .post, headers: keyed,
                body: Fixture.json(["reason": ""]))
            #expect(response.status == .badRequest, "\(response.text)")
            keyed[CheckoutHTTPTests.idempotencyKey] = "cancel-b-own-2"
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subB)/cancellation", method: .post, headers: keyed,
                body: Fixture.json(["reason": "Sold out in the shop"]))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.string("status") == "cancelled")
            response = try await client.execute(uri: "/v1/admin/orders/\(orderID)", method: .get, headers: desk)
            #expect(response.json.object("refunded_total")["amount"] as? Int == 2_000, "\(response.text)")
        }
    }
}
