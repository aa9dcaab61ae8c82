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

/// C2B requests through the API: a business posts, consumers and sellers respond, the business decides, and
/// nobody reaches a request or a response that is not theirs.
@Suite("Buy requests through the API")
struct BuyRequestsAPITests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    static func date(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func tradeIn(at now: Date) -> [String: Any] {
        [
            "kind": "trade_in", "title": "Used stoneware mugs", "description": "Mugs without chips or cracks.",
            "accepted_conditions": ["like_new", "good"], "unit_price_ceiling": ["amount": 400, "currency": "EUR"],
            "currency": "EUR", "wanted_quantity": 10, "deadline": date(now.addingTimeInterval(7 * 86_400)),
        ]
    }

    @Test(
        "a seller's request and its responses stay with the parties; bad input is a problem with pointers",
        arguments: TestBackend.allCases)
    func tradeInParties(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            let operatorToken = try await Fixture.staffToken("ops@shop.example", client: client)
            let sellerA = try await MarketplaceAPITests.apply(
                "Second Round", kind: "business", email: "a@second.example", client: client)
            let sellerB = try await MarketplaceAPITests.apply(
                "Other Goods", kind: "business", email: "b@other.example", client: client)
            try await MarketplaceAPITests.approve(sellerA, operatorToken: operatorToken, client: client)
            try await MarketplaceAPITests.approve(sellerB, operatorToken: operatorToken, client: client)
            let (a, b) = (Fixture.bearer(sellerA.token), Fixture.bearer(sellerB.token))
            let ada = Fixture.bearer(try await Fixture.customerToken("ada@example.com", on: platform))
            let bob = Fixture.bearer(try await Fixture.customerToken("bob@example.com", on: platform))
            let now = env.clock.now

            // Bad input is refused field by field, never a 500.
            var bad = Self.tradeIn(at: now)
            bad["unit_price_ceiling"] = nil
            bad["deadline"] = Self.date(now.addingTimeInterval(-60))
            var response = try await client.execute(
                uri: "/v1/seller/requests", method: .post, headers: a, body: Fixture.json(bad))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(
                Set(response.json.array("errors").compactMap { $0["pointer"] as? String })
                    == ["/unit_price_ceiling", "/deadline"])

            // Posting is idempotent per key.
            var posting = a
            posting[Self.idempotencyKey] = "post-1"
            var ids: [String] = []
            for _ in 0..<2 {
                response = try await client.execute(
                    uri: "/v1/seller/requests", method: .post, headers: posting,
                    body: Fixture.json(Self.tradeIn(at: now)))
                #expect(response.status == .created, "\(response.text)")
                ids.append(response.json.string("id") ?? "")
            }
            #expect(ids[0] == ids[1] && ids[0].hasPrefix("breq_"))
            let request = ids[0]

            response = try await client.execute(uri: "/v1/store/trade-in-requests", method: .get)
            #expect(response.json.array("items").compactMap { $0["id"] as? String } == [request])
            // Over the ceiling is a field problem.
            response = try await client.execute(
                uri: "/v1/store/trade-in-requests/\(request)/responses", method: .post, headers: ada,
                body: Fixture.json([
                    "unit_price": ["amount": 450, "currency": "EUR"], "quantity": 2, "condition": "good",
                ]))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.json.array("errors").first?["pointer"] as? String == "/unit_price/amount")
            var responseIDs: [String] = []
            for shopper in [ada, bob] {
                response = try await client.execute(
                    uri: "/v1/store/trade-in-requests/\(request)/responses", method: .post, headers: shopper,
                    body: Fixture.json([
                        "unit_price": ["amount": 300, "currency": "EUR"], "quantity": 2, "condition": "good",
                    ]))
                #expect(response.status == .created, "\(response.text)")
                responseIDs.append(response.json.string("id") ?? "")
            }
            let (adas, bobs) = (responseIDs[0], responseIDs[1])

            // A customer sees and touches only their own response.
            response = try await client.execute(uri: "/v1/store/me/trade-in-responses", method: .get, headers: ada)
            #expect(response.json.array("items").compactMap { $0["id"] as? String } == [adas])
            response = try await client.execute(
                uri: "/v1/store/me/trade-in-responses/\(bobs)", method: .patch, headers: ada,
                body: Fixture.json(["quantity": 1]))
            #expect(response.status == .notFound, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/store/me/trade-in-responses/\(bobs)/withdraw", method: .post, headers: ada)
            #expect(response.status == .notFound, "\(response.text)")
            // A seller is not a consumer on the storefront.
            response = try await client.execute(
                uri: "/v1/store/trade-in-requests/\(request)/responses", method: .post, headers: b,
                body: Fixture.json([
                    "unit_price": ["amount": 300, "currency": "EUR"], "quantity": 1, "condition": "good",
                ]))
            #expect(response.status == .forbidden)

            // Another seller can neither see nor decide on the request.
            response = try await client.execute(uri: "/v1/seller/requests/\(request)", method: .get, headers: b)
            #expect(response.status == .notFound)
            response = try await client.execute(uri: "/v1/seller/requests", method: .get, headers: b)
            #expect(response.json.array("items").isEmpty)
            response = try await client.execute(
                uri: "/v1/seller/requests/\(request)/responses/\(adas)/decision", method: .post, headers: b,
                body: Fixture.json(["decision": "accept"]))
            #expect(response.status == .notFound, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/seller/requests/\(request)/close", method: .post, headers: b,
                body: Fixture.json(["outcome": "cancelled"]))
            #expect(response.status == .notFound, "\(response.text)")
            // Nor can the marketplace decide on a seller's request (it sees it, though).
            response = try await client.execute(
                uri: "/v1/admin/marketplace/requests/\(request)/responses/\(adas)/decision", method: .post,
                headers: Fixture.bearer(operatorToken), body: Fixture.json(["decision": "accept"]))
            #expect(response.status == .notFound, "\(response.text)")
            response = try await client.execute(
                uri: "/v1/admin/marketplace/requests/\(request)", method: .get, headers: Fixture.bearer(operatorToken))
            #expect(response.json.array("responses").count == 2, "\(response.text)")

            // The poster sees every response, accepts one and the trail says who.
            response = try await client.execute(uri: "/v1/seller/requests/\(request)", method: .get, headers: a)
            #expect(response.json.array("responses").compactMap { $0["id"] as? String } == [adas, bobs])
            response = try await client.execute(
                uri: "/v1/seller/requests/\(request)/responses/\(adas)/decision", method: .post, headers: a,
                body: Fixture.json(["decision": "accept", "quantity": 20]))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.json.array("errors").first?["pointer"] as? String == "/quantity")
            response = try await client.execute(
                uri: "/v1/seller/requests/\(request)/responses/\(adas)/decision", method: .post, headers: a,
                body: Fixture.json(["decision": "accept"]))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.object("request")["accepted_quantity"] as? Int == 2)
            #expect(response.json.array("trail").last?["action"] as? String == "response_accepted")
            response = try await client.execute(
                uri: "/v1/store/me/trade-in-responses/\(adas)/withdraw", method: .post, headers: ada)
            #expect(response.status == .conflict, "\(response.text)")
            #expect(response.json.string("code") == "buy_response_decided")
            response = try await client.execute(
                uri: "/v1/seller/requests/\(request)/close", method: .post, headers: a,
                body: Fixture.json(["outcome": "cancelled"]))
            #expect(response.status == .conflict)
            #expect(response.json.string("code") == "buy_request_has_acceptances")
        }
    }

    @Test(
        "sellers quote on other businesses' requests, never their own, and never see another's quote",
        arguments: TestBackend.allCases)
    func quotes(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            let operatorToken = try await Fixture.staffToken("ops@shop.example", client: client)
            var sellers: [(id: String, token: String)] = []
            for (name, email) in [("Nordic Ceramics", "a@nordic.example"), ("Fjord Living", "b@fjord.example")] {
                let seller = try await MarketplaceAPITests.apply(name, kind: "business", email: email, client: client)
                try await MarketplaceAPITests.approve(seller, operatorToken: operatorToken, client: client)
                sellers.append(seller)
            }
            let (a, b) = (Fixture.bearer(sellers[0].token), Fixture.bearer(sellers[1].token))
            let applicant = Fixture.bearer(
                try await MarketplaceAPITests.apply(
                    "Fresh Applicant", kind: "business", email: "c@fresh.example", client: client
                ).token)
            let now = env.clock.now
            var response = try await client.execute(
                uri: "/v1/seller/requests", method: .post, headers: a,
                body: Fixture.json([
                    "kind": "quote", "title": "Gift boxes", "description": "500 printed gift boxes, recycled board.",
                    "currency": "EUR", "wanted_quantity": 500,
                    "deadline": Self.date(now.addingTimeInterval(86_400 * 7)),
                    "needed_by": Self.date(now.addingTimeInterval(86_400 * 30)),
                ]))
            #expect(response.status == .created, "\(response.text)")
            let request = response.json.string("id") ?? ""
            let quote: [String: Any] = ["unit_price": ["amount": 185, "currency": "EUR"], "quantity": 500]

            // Not on its own request, and an applicant does not post.
            response = try await client.execute(
                uri: "/v1/seller/quote-requests/\(request)/responses", method: .post, headers: a,
                body: Fixture.json(quote))
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.json.string("code") == "own_buy_request")
            response = try await client.execute(uri: "/v1/seller/quote-requests", method: .get, headers: a)
            #expect(response.json.array("items").isEmpty)
            response = try await client.execute(
                uri: "/v1/seller/requests", method: .post, headers: applicant,
                body: Fixture.json(BuyRequestsAPITests.tradeIn(at: now)))
            #expect(response.status == .unprocessableContent, "\(response.text)")

            response = try await client.execute(uri: "/v1/seller/quote-requests", method: .get, headers: b)
            #expect(response.json.array("items").compactMap { $0["id"] as? String } == [request])
            #expect(response.json.array("items").first?["responses"] == nil)
            response = try await client.execute(
                uri: "/v1/seller/quote-requests/\(request)/responses", method: .post, headers: b,
                body: Fixture.json(quote))
            #expect(response.status == .created, "\(response.text)")
            let quoteID = response.json.string("id") ?? ""
            response = try await client.execute(
                uri: "/v1/seller/quote-requests/\(request)/responses", method: .post, headers: b,
                body: Fixture.json(quote))
            #expect(response.status == .conflict)
            #expect(response.json.string("code") == "buy_response_exists")

            // The poster cannot touch the quote as if it were its own, and the quoter sees only its own.
            response = try await client.execute(
                uri: "/v1/seller/quotes/\(quoteID)", method: .patch, headers: a, body: Fixture.json(["quantity": 1]))
            #expect(response.status == .notFound)
            response = try await client.execute(uri: "/v1/seller/quotes", method: .get, headers: a)
            #expect(response.json.array("items").isEmpty)
            response = try await client.execute(
                uri: "/v1/seller/quotes/\(quoteID)", method: .patch, headers: b,
                body: Fixture.json(["unit_price": ["amount": 175, "currency": "EUR"]]))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.object("unit_price")["amount"] as? Int == 175)

            // The poster accepts all 500: the request closes.
            response = try await client.execute(
                uri: "/v1/seller/requests/\(request)/responses/\(quoteID)/decision", method: .post, headers: a,
                body: Fixture.json(["decision": "accept"]))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.object("request")["status"] as? String == "closed")
            response = try await client.execute(uri: "/v1/seller/quotes", method: .get, headers: b)
            #expect(response.json.array("items").first?["status"] as? String == "accepted")

            // The marketplace runs its own buy-back.
            var staff = Fixture.bearer(operatorToken)
            staff[Self.idempotencyKey] = "buy-back-1"
            response = try await client.execute(
                uri: "/v1/admin/marketplace/requests", method: .post, headers: staff,
                body: Fixture.json(Self.tradeIn(at: now)))
            #expect(response.status == .created, "\(response.text)")
            #expect(response.json.string("posted_by") == "marketplace")
            response = try await client.execute(
                uri: "/v1/admin/marketplace/requests?kind=quote", method: .get, headers: Fixture.bearer(operatorToken))
            #expect(response.json.array("items").compactMap { $0["id"] as? String } == [request])
        }
    }
}
