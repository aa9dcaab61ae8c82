import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Payments
import Persistence
import Sellers
import TestSupport
import Testing
import TorvCore

/// Seller reputation through the API: buyers review sellers of delivered parts of their orders, moderators
/// publish, sellers answer their own reviews and rate their own buyers, and scorecards stay with their seller
/// and the operator. Every refusal is checked next to the success it guards.
@Suite("Seller reputation through the API")
struct SellerReputationAPITests {
    typealias H = CheckoutHTTPTests

    /// A signed-in customer buys one unit of each offer in one checkout; returns the order.
    static func buy(
        _ offers: [(offer: SellerOffer, variant: String)], shop: TestShop, token: String, key: String,
        client: some TestClientProtocol
    ) async throws -> [String: Any] {
        let created = try await client.execute(
            uri: "/v1/store/carts", method: .post, headers: H.headers(token: token),
            body: Fixture.json(["currency": "EUR"]))
        let cart = try #require(created.json.string("id"))
        // With one of the shop's own tees: a cart of seller lines alone is not priced for delivery yet.
        var steps: [(String, HTTPRequest.Method, [String: Any])] = [
            ("lines", .post, ["variant_id": shop.teeS.rawValue, "quantity": 1])
        ]
        steps += offers.map {
            ("lines", .post, ["variant_id": $0.variant, "offer_id": $0.offer.id.rawValue, "quantity": 1])
        }
        steps += [
            ("contact", .put, ["email": "ada@example.com"]), ("addresses", .put, ["shipping": H.address]),
            ("delivery", .put, ["method_id": shop.parcel.rawValue]),
        ]
        for (path, method, body) in steps {
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

    @Test(
        "buyers review delivered parts once, sellers answer and rate only their own, scorecards stay private",
        arguments: TestBackend.allCases)
    func reputationJourney(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            try await TestMarketplace.setCommission(on: platform)
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            _ = try await Fixture.staff("mo@shop.example", roles: ["moderator"], on: platform)
            let ops = Fixture.bearer(try await Fixture.staffToken("ops@shop.example", client: client))
            let moderator = Fixture.bearer(try await Fixture.staffToken("mo@shop.example", client: client))
            let sellerA = try await MarketplaceAPITests.apply(
                "Lena Vintage", kind: "private", email: "lena@example.com", client: client)
            let sellerB = try await MarketplaceAPITests.apply(
                "Maja Finds", kind: "private", email: "maja@example.com", client: client)
            let (idA, idB) = (try #require(SellerID(sellerA.id)), try #require(SellerID(sellerB.id)))
            try await TestMarketplace.approve(idA, on: platform)
            try await TestMarketplace.approve(idB, on: platform)
            let handleA = try await platform.database.read { db in try await platform.sellers.seller(idA, on: db).handle
            }
            let offerA = try await TestMarketplace.offer(
                shop.mug.rawValue, by: idA, price: 1_500, quantity: 4, condition: .used, on: platform)
            let offerB = try await TestMarketplace.offer(
                shop.teeM.rawValue, by: idB, price: 2_000, quantity: 4, condition: .used, on: platform)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let bob = try await Fixture.customerToken("bob@example.com", on: platform)
            env.clock.advance(by: 60)
            let order = try await Self.buy(
                [(offerA, shop.mug.rawValue), (offerB, shop.teeM.rawValue)], shop: shop, token: ada, key: "ada-1",
                client: client)
            // The buyer finds the parts of the order, each with its seller, on their order.
            let orderID = try #require(order.string("id"))
            let mine = try await client.execute(
                uri: "/v1/store/orders/\(orderID)", method: .get, headers: H.headers(token: ada))
            let parts = mine.json.array("sub_orders")
            let subA = try #require(parts.first { $0.string("seller_id") == sellerA.id }?.string("id"))
            let subB = try #require(parts.first { $0.string("seller_id") == sellerB.id }?.string("id"))
            let (a, b) = (sellerA.token, sellerB.token)

            @Sendable func review(_ token: String, _ body: [String: Any], key: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/store/me/seller-reviews", method: .post, headers: H.headers(token: token, key: key),
                    body: Fixture.json(body))
            }
            let good: [String: Any] = [
                "sub_order_id": subA, "rating": 5, "body": "Exactly as described.",
                "photo_urls": ["https://photos.example/mug.jpg"],
            ]

            // Not delivered yet: refused. Seller A ships and confirms delivery of its own part.
            var response = try await review(ada, good, key: "r0")
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.json.string("code") == "not_yet_delivered")
            for step in ["shipment", "delivery"] {
                response = try await client.execute(
                    uri: "/v1/seller/orders/\(subA)/\(step)", method: .post, headers: H.headers(token: a, key: step),
                    body: step == "shipment" ? Fixture.json(["carrier": "DHL", "tracking_number": "JJD0001"]) : nil)
                #expect(response.status == .ok, "\(step): \(response.text)")
            }
            // Bob cannot review Ada's part; a bad review is refused field by field.
            response = try await review(bob, good, key: "r1")
            #expect(response.status == .notFound && response.json.string("code") == "sub_order_not_found")
            response = try await review(
                ada, ["sub_order_id": subA, "rating": 0, "body": "", "photo_urls": ["ftp://x"]], key: "r2")
            #expect(response.status == .badRequest, "\(response.text)")
            let pointers = Set(response.json.array("errors").compactMap { $0.string("pointer") })
            #expect(pointers == ["/rating", "/body", "/photo_urls/0"], "\(response.text)")

            // Racing submissions: exactly one lands.
            let goodBody = Fixture.json(good)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for attempt in 0..<5 {
                    group.addTask {
                        try await client.execute(
                            uri: "/v1/store/me/seller-reviews", method: .post,
                            headers: H.headers(token: ada, key: "race-\(attempt)"), body: goodBody
                        ).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1 && statuses.filter { $0 == 409 }.count == 4, "\(statuses)")

            // The moderator publishes; the public profile and list show it.
            response = try await client.execute(uri: "/v1/admin/seller-reviews", method: .get, headers: moderator)
            let reviewID = try #require(response.json.array("items").first?.string("id"), "\(response.text)")
            response = try await client.execute(
                uri: "/v1/admin/seller-reviews/\(reviewID)/moderation", method: .post, headers: moderator,
                body: Fixture.json(["decision": "publish"]))
            #expect(response.json.string("status") == "published", "\(response.text)")
            response = try await client.execute(uri: "/v1/store/sellers/\(handleA)", method: .get)
            #expect(response.json.object("rating")["count"] as? Int == 1, "\(response.text)")
            #expect(response.json.object("rating").string("average") == "5.00")

            // Seller B cannot answer A's review; A answers once, publicly.
            response = try await client.execute(
                uri: "/v1/seller/reviews/\(reviewID)/reply", method: .post, headers: H.headers(token: b, key: "rb"),
                body: Fixture.json(["reply": "Buy from me instead"]))
            #expect(response.status == .notFound, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/seller/reviews/\(reviewID)/reply", method: .post, headers: H.headers(token: a, key: "ra"),
                body: Fixture.json(["reply": "Thank you!"]))
            #expect(response.status == .ok, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/seller/reviews/\(reviewID)/reply", method: .post, headers: H.headers(token: a, key: "ra2"),
                body: Fixture.json(["reply": "Again"]))
            #expect(response.status == .conflict && response.json.string("code") == "already_replied")
            response = try await client.execute(uri: "/v1/store/sellers/\(handleA)/reviews", method: .get)
            #expect(response.json.array("items").first?.string("reply") == "Thank you!", "\(response.text)")
            #expect(response.json.array("items").first?["customer_id"] == nil)

            // Seller B cannot rate A's buyer, nor its own undelivered part's; A rates once.
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/buyer-rating", method: .post, headers: H.headers(token: b, key: "b1"),
                body: Fixture.json(["rating": 1]))
            #expect(response.status == .notFound, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subB)/buyer-rating", method: .post, headers: H.headers(token: b, key: "b2"),
                body: Fixture.json(["rating": 1]))
            #expect(response.json.string("code") == "not_yet_delivered", "\(response.text)")
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/buyer-rating", method: .post, headers: H.headers(token: a, key: "a1"),
                body: Fixture.json(["rating": 4, "body": "Quick payment."]))
            #expect(response.status == .created, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)/buyer-rating", method: .post, headers: H.headers(token: a, key: "a2"),
                body: Fixture.json(["rating": 2]))
            #expect(response.status == .conflict, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/seller/orders/\(subA)", method: .get, headers: Fixture.bearer(a))
            #expect(response.json.object("buyer_rating")["count"] as? Int == 1, "\(response.text)")
            #expect(response.json["email"] == nil && response.json["customer_id"] == nil)
            response = try await client.execute(
                uri: "/v1/store/me/buyer-rating", method: .get, headers: H.headers(token: ada))
            #expect(response.json.string("average") == "4.00", "\(response.text)")

            // Scorecards: each seller reads its own; the operator any; a seller never another's.
            response = try await client.execute(uri: "/v1/seller/scorecard", method: .get, headers: Fixture.bearer(b))
            #expect(response.status == .ok && response.json.string("seller_id") == sellerB.id, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/admin/marketplace/sellers/\(sellerA.id)/scorecard", method: .get, headers: Fixture.bearer(b))
            #expect(response.status == .unauthorized || response.status == .forbidden, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/admin/marketplace/sellers/\(sellerA.id)/scorecard", method: .get, headers: ops)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.object("performance")["orders"] as? Int == 1)
            #expect(response.json.object("performance")["rating_count"] as? Int == 1)
            response = try await client.execute(
                uri: "/v1/seller/scorecard", method: .get, headers: H.headers(token: ada))
            #expect(response.status == .unauthorized || response.status == .forbidden, "\(response.text)")
        }
    }
}
