import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Promotions
import TestSupport
import Testing
import TorvCore
import TorvHTTP

@Suite("Flash sales over HTTP")
struct FlashSalesHTTPTests {
    typealias H = CheckoutHTTPTests

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test(
        "marketing sets up a flash sale; a customer queues, is admitted and claims a unit; refusals have their own codes; others are refused",
        arguments: TestBackend.allCases)
    func flashSale(backend: TestBackend) async throws {
        let settings = HTTPSettings(flashSaleRequestsPerMinutePerAccount: 5)
        try await withTestApp(on: backend, settings: settings) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("mia@shop.example", roles: ["marketing"], on: platform)
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            let mia = try await Fixture.staffToken("mia@shop.example", client: client)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)
            let now = platform.clock.now()

            let bad = try await client.execute(
                uri: "/v1/admin/flash-sales", method: .post, headers: H.headers(token: mia, key: "f0"),
                body: Fixture.json([
                    "title": "Mugs", "variant_id": shop.mug.rawValue, "price": ["amount": 950, "currency": "EUR"],
                    "quantity": 0, "starts_at": Self.iso(now.addingTimeInterval(60)), "ends_at": Self.iso(now),
                ]))
            #expect(bad.status == .badRequest)
            #expect(
                Set(bad.json.array("errors").compactMap { $0.string("pointer") }) == [
                    "/quantity", "/price", "/ends_at",
                ],
                "\(bad.text)")

            let created = try await client.execute(
                uri: "/v1/admin/flash-sales", method: .post, headers: H.headers(token: mia, key: "f1"),
                body: Fixture.json([
                    "title": "Mug rush", "variant_id": shop.mug.rawValue, "price": ["amount": 450, "currency": "EUR"],
                    "quantity": 2, "starts_at": Self.iso(now.addingTimeInterval(60)),
                    "ends_at": Self.iso(now.addingTimeInterval(3600)), "admissions_per_minute": 60,
                ]))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json.string("id"))
            #expect(created.json["left"] as? Int == 2 && created.json.string("phase") == "scheduled")
            let refused = try await client.execute(
                uri: "/v1/admin/flash-sales", method: .get, headers: H.headers(token: dock))
            #expect(refused.status == .forbidden)

            // The storefront counts down to the start; the queue is not open yet.
            let listed = try await client.execute(uri: "/v1/store/flash-sales", method: .get)
            let offer = try #require(listed.json.array("items").first)
            #expect(offer["seconds_left"] as? Int == 60 && offer["left"] as? Int == 2)
            #expect(offer.object("regular_price")["amount"] as? Int == 900 && offer["percent_off"] as? Int == 50)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let bo = try await Fixture.customerToken("bo@example.com", on: platform)
            let early = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/queue", method: .post, headers: H.headers(token: ada, key: "q0"))
            #expect(early.status == .conflict && early.json.string("code") == "flash_sale_not_started")
            let anonymous = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/queue", method: .post, headers: H.headers(key: "q-anon"))
            #expect(anonymous.status == .unauthorized)

            env.clock.advance(by: 60)
            let adaPlace = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/queue", method: .post, headers: H.headers(token: ada, key: "q1"))
            #expect(adaPlace.status == .created, "\(adaPlace.text)")
            #expect(adaPlace.json.string("status") == "admitted" && adaPlace.json["position"] as? Int == 1)
            let adaToken = try #require(adaPlace.json.string("token"))
            let boPlace = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/queue", method: .post, headers: H.headers(token: bo, key: "q2"))
            #expect(boPlace.json.string("status") == "waiting" && boPlace.json["position"] as? Int == 2)
            // Bo's place, polled, has no token; Bo cannot use Ada's.
            let polled = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/queue", method: .get, headers: H.headers(token: bo))
            #expect(polled.status == .ok && polled.json["token"] == nil)
            let stolen = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/claims", method: .post, headers: H.headers(token: bo, key: "c0"),
                body: Fixture.json(["queue_token": adaToken]))
            #expect(stolen.status == .forbidden && stolen.json.string("code") == "flash_sale_invalid_token")

            let claim = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/claims", method: .post, headers: H.headers(token: ada, key: "c1"),
                body: Fixture.json(["queue_token": adaToken]))
            #expect(claim.status == .created, "\(claim.text)")
            #expect(claim.json["units"] as? Int == 1 && claim.json["left"] as? Int == 1)
            // The same request again (same key) is the same claim, not a second unit.
            let replay = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/claims", method: .post, headers: H.headers(token: ada, key: "c1"),
                body: Fixture.json(["queue_token": adaToken]))
            #expect(replay.status == .created && replay.json["left"] as? Int == 1)
            let second = try await client.execute(
                uri: "/v1/store/flash-sales/\(id)/claims", method: .post, headers: H.headers(token: ada, key: "c2"),
                body: Fixture.json(["queue_token": adaToken]))
            #expect(second.status == .conflict && second.json.string("code") == "flash_sale_customer_limit")
            let afterRefusal = try await platform.database.read { db in
                try await platform.promotions.flashSale(try #require(.init(id)), on: db)
            }
            #expect(afterRefusal.held == 1)

            // Honest-price settings: marketing may set them, the warehouse may not read them, bad values
            // name their fields.
            let settings: [String: Any] = [
                "window_days": 20, "exempt_perishables": true, "new_products_since_first_offered": true,
                "progressive_from_first_reduction": true, "raise_lookback_days": 30, "refuse_fake_discounts": true,
                "perishable_category_ids": ["cat_nope"],
            ]
            let badSettings = try await client.execute(
                uri: "/v1/admin/honest-prices", method: .put, headers: H.headers(token: mia, key: "h1"),
                body: Fixture.json(settings))
            #expect(badSettings.status == .badRequest)
            #expect(
                badSettings.json.array("errors").compactMap { $0.string("pointer") } == [
                    "/window_days", "/perishable_category_ids/0",
                ])
            var fixed = settings
            fixed["window_days"] = 30
            fixed["perishable_category_ids"] = [String]()
            let saved = try await client.execute(
                uri: "/v1/admin/honest-prices", method: .put, headers: H.headers(token: mia, key: "h2"),
                body: Fixture.json(fixed))
            #expect(saved.status == .ok && saved.json["refuse_fake_discounts"] as? Bool == true, "\(saved.text)")
            let hidden = try await client.execute(
                uri: "/v1/admin/honest-prices", method: .get, headers: H.headers(token: dock))
            #expect(hidden.status == .forbidden)

            // A bot hammering the queue with one account is turned away (five a minute in this test).
            var statuses: [Int] = []
            for attempt in 0..<5 {
                statuses.append(
                    try await client.execute(
                        uri: "/v1/store/flash-sales/\(id)/queue", method: .post,
                        headers: H.headers(token: ada, key: "bot-\(attempt)")
                    ).status.code)
            }
            #expect(statuses.last == 429, "\(statuses)")
        }
    }
}
