import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOCore
import Persistence
import TestSupport
import Testing
import TorvCore

/// Reviews through the API: only verified purchases, once per line, shown after moderation.
@Suite("Product reviews through the API")
struct ReviewsAPITests {
    typealias H = CheckoutHTTPTests

    @Test("a buyer reviews a received line once; moderation decides what shoppers see", arguments: TestBackend.allCases)
    func verifiedAndModerated(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("wes@shop.example", roles: ["owner"], on: platform)
            _ = try await Fixture.staff("mo@shop.example", roles: ["moderator"], on: platform)
            let staff = try await Fixture.staffToken("wes@shop.example", client: client)
            let moderator = Fixture.bearer(try await Fixture.staffToken("mo@shop.example", client: client))
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let bob = try await Fixture.customerToken("bob@example.com", on: platform)
            let order = try await AfterSaleHTTPTests.paidOrder(
                shop, token: ada, variant: shop.mug, quantity: 1, key: "chk_review", client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            let review: [String: Any] = [
                "order_id": orderID, "order_line_id": lineID, "rating": 5, "title": "Keeps tea hot",
                "body": "Heavy, lovely glaze.", "photo_urls": ["https://photos.example/mug.jpg"],
            ]
            @Sendable func submit(_ token: String, _ body: ByteBuffer, key: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/store/me/reviews", method: .post, headers: H.headers(token: token, key: key), body: body)
            }
            let reviewBody = Fixture.json(review)

            // Paid but not yet received: not a verified purchase yet.
            var response = try await submit(ada, reviewBody, key: "r1")
            #expect(response.status == .unprocessableContent)
            #expect(response.json.string("code") == "not_yet_received")
            try await AfterSaleHTTPTests.fulfil(order, ship: true, staff: staff, client: client)

            // Another customer cannot review Ada's line: it is not theirs, so it does not exist for them.
            response = try await submit(bob, reviewBody, key: "r2")
            #expect(response.status == .notFound)
            #expect(response.json.string("code") == "order_line_not_found")

            // Racing submissions for one line: exactly one lands.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for attempt in 0..<6 {
                    group.addTask { try await submit(ada, reviewBody, key: "race-\(attempt)").status.code }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 5, "\(statuses)")

            // Pending reviews do not show; the moderator publishes and the rating appears.
            response = try await client.execute(uri: "/v1/store/products/mug/reviews", method: .get)
            #expect(response.json.array("items").isEmpty)
            #expect(response.json.object("rating")["count"] as? Int == 0)
            response = try await client.execute(uri: "/v1/admin/reviews", method: .get, headers: moderator)
            let pending = response.json.array("items")
            #expect(pending.count == 1 && pending.first?["author_name"] as? String == "Shopper")
            let reviewID = try #require(pending.first?.string("id"))
            response = try await client.execute(
                uri: "/v1/admin/reviews/\(reviewID)/moderation", method: .post, headers: moderator,
                body: Fixture.json(["decision": "reject"]))
            #expect(response.json.string("code") == "reason_required")
            response = try await client.execute(
                uri: "/v1/admin/reviews/\(reviewID)/moderation", method: .post, headers: moderator,
                body: Fixture.json(["decision": "publish"]))
            #expect(response.json.string("status") == "published")
            response = try await client.execute(
                uri: "/v1/admin/reviews/\(reviewID)/moderation", method: .post, headers: moderator,
                body: Fixture.json(["decision": "reject", "reason": "changed my mind"]))
            #expect(response.json.string("code") == "already_moderated")

            response = try await client.execute(uri: "/v1/store/products/mug/reviews", method: .get)
            #expect(response.json.array("items").map { $0["title"] as? String } == ["Keeps tea hot"])
            #expect(response.json.array("items").first?["verified_purchase"] as? Bool == true)
            #expect(response.json.object("rating")["average"] as? String == "5.00")
            #expect(response.json.array("items").first?["order_id"] == nil, "shoppers never see whose order it was")
            response = try await client.execute(
                uri: "/v1/store/me/reviews", method: .get, headers: H.headers(token: bob))
            #expect(response.json.array("items").isEmpty)

            // Bad input: every problem with its pointer, nothing written.
            response = try await submit(
                ada, Fixture.json(["order_id": orderID, "order_line_id": lineID, "rating": 0, "title": ""]), key: "r3")
            #expect(response.status == .badRequest)
            #expect(
                Set(response.json.array("errors").compactMap { $0["pointer"] as? String }) == ["/rating", "/title"])
        }
    }
}
