import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Promotions over HTTP")
struct PromotionsHTTPTests {
    typealias H = CheckoutHTTPTests

    static func eur(_ amount: Int) -> [String: Any] { ["amount": amount, "currency": "EUR"] }

    @Test(
        "marketing sets up a coupon promotion and a Black Friday sale; a shopper's cart explains both; others are refused",
        arguments: TestBackend.allCases)
    func promotions(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("mia@shop.example", roles: ["marketing"], on: platform)
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            let mia = try await Fixture.staffToken("mia@shop.example", client: client)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)

            let bad = try await client.execute(
                uri: "/v1/admin/promotions", method: .post, headers: H.headers(token: mia, key: "p0"),
                body: Fixture.json([
                    "name": "", "label": "Oops", "action": ["type": "percent_off", "basis_points": 20_000],
                ]))
            #expect(bad.status == .badRequest)
            let pointers = Set(bad.json.array("errors").compactMap { $0.string("pointer") })
            #expect(pointers == ["/name", "/action/basis_points"], "\(bad.text)")

            let welcome = try await client.execute(
                uri: "/v1/admin/promotions", method: .post, headers: H.headers(token: mia, key: "p1"),
                body: Fixture.json([
                    "name": "Welcome", "label": "5.00 off your order", "conditions": ["coupon_required": true],
                    "action": ["type": "amount_off_order", "amount": Self.eur(500)],
                    "budget": ["max_uses": 100],
                ]))
            #expect(welcome.status == .created, "\(welcome.text)")
            let welcomeID = try #require(welcome.json.string("id"))
            let coupons = try await client.execute(
                uri: "/v1/admin/promotions/\(welcomeID)/coupons", method: .post,
                headers: H.headers(token: mia, key: "c1"),
                body: Fixture.json(["codes": ["HELLO"], "count": 3, "prefix": "NL", "usage_limit": 1]))
            #expect(coupons.status == .created, "\(coupons.text)")
            #expect(coupons.json.array("items").count == 4)

            // Black Friday: 30 % off from 2027-11-26 00:00 UTC for one day, on orders of 50.00 or more.
            let friday = Date(timeIntervalSince1970: 1_827_187_200)
            let sale = try await client.execute(
                uri: "/v1/admin/promotions", method: .post, headers: H.headers(token: mia, key: "p2"),
                body: Fixture.json([
                    "name": "Black Friday", "label": "Black Friday −30 %", "stacking": "exclusive", "priority": 10,
                    "conditions": [
                        "starts_at": ISO8601DateFormatter().string(from: friday),
                        "ends_at": ISO8601DateFormatter().string(from: friday.addingTimeInterval(86_400)),
                        "minimum_subtotal": Self.eur(5_000),
                    ],
                    "action": ["type": "percent_off", "basis_points": 3_000],
                ]))
            #expect(sale.status == .created, "\(sale.text)")
            let refused = try await client.execute(
                uri: "/v1/admin/promotions", method: .get, headers: H.headers(token: dock))
            #expect(refused.status == .forbidden)

            // A campaign in the shop's zone, announced from 2027-01-16: shoppers see it with a countdown.
            let badCampaign = try await client.execute(
                uri: "/v1/admin/campaigns", method: .post, headers: H.headers(token: mia, key: "cam-0"),
                body: Fixture.json([
                    "name": "Winter", "time_zone": "Europe/Nowhere", "starts_at": "2027-01-17T00:00",
                    "ends_at": "2027-01-18T00:00",
                ]))
            #expect(badCampaign.status == .badRequest)
            #expect(badCampaign.json.array("errors").first?.string("pointer") == "/time_zone")
            let campaign = try await client.execute(
                uri: "/v1/admin/campaigns", method: .post, headers: H.headers(token: mia, key: "cam-1"),
                body: Fixture.json([
                    "name": "Winter", "time_zone": "Europe/Stockholm", "announce_at": "2027-01-15T00:00",
                    "starts_at": "2027-01-17T00:00", "ends_at": "2027-01-18T00:00",
                ]))
            #expect(campaign.status == .created, "\(campaign.text)")
            #expect(campaign.json.string("phase") == "announced")
            let joined = try await client.execute(
                uri: "/v1/admin/promotions", method: .post, headers: H.headers(token: mia, key: "p3"),
                body: Fixture.json([
                    "name": "Winter", "label": "Winter −40 %", "campaign_id": try #require(campaign.json.string("id")),
                    "action": ["type": "percent_off", "basis_points": 4_000],
                ]))
            #expect(joined.status == .created, "\(joined.text)")
            let showing = try await client.execute(uri: "/v1/store/campaigns", method: .get, headers: H.headers())
            let shown = showing.json.array("items")
            #expect(shown.count == 1 && shown.first?.string("phase") == "announced", "\(showing.text)")
            #expect(shown.first?["offers"] as? [String] == ["Winter −40 %"])

            let cart = try await H.guestCart(shop, client: client)
            let unknown = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/coupons", method: .post, headers: H.headers(cart: cart.token),
                body: Fixture.json(["code": "NOPE-1"]))
            #expect(
                unknown.status == .badRequest
                    && unknown.json.array("errors").first?.string("code") == "coupon_not_found")
            let withCoupon = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/coupons", method: .post, headers: H.headers(cart: cart.token),
                body: Fixture.json(["code": "hello"]))
            #expect(withCoupon.status == .ok, "\(withCoupon.text)")
            let promotions = withCoupon.json.object("promotions")
            #expect(promotions.array("applied").compactMap { $0.string("promotion_id") } == [welcomeID])
            // The sale has not started: the shopper is not told about it yet.
            #expect(promotions.array("not_applied").isEmpty, "\(withCoupon.text)")
            #expect(withCoupon.json.object("totals").object("discount")["amount"] as? Int == 500)

            // Staff preview the same cart at Black Friday 00:00: the sale has started but the cart's 39.98 is
            // below its 50.00 minimum, and the preview says so.
            let preview = try await client.execute(
                uri: "/v1/admin/promotions/preview", method: .post, headers: H.headers(token: mia),
                body: Fixture.json(["cart_id": cart.id, "at": ISO8601DateFormatter().string(from: friday)]))
            #expect(preview.status == .ok, "\(preview.text)")
            let previewed = preview.json.object("promotions").array("not_applied")
            #expect(previewed.first?.string("code") == "minimum_subtotal", "\(preview.text)")

            let paid = try await client.execute(
                uri: "/v1/store/carts/\(cart.id)/checkout", method: .post,
                headers: H.headers(cart: cart.token, key: "pay-1"),
                body: Fixture.json([
                    "payment_method": "card",
                    "card": ["number": "4242 4242 4242 4242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123"],
                ]))
            #expect(paid.status == .created, "\(paid.text)")
            #expect(paid.json.object("order").object("totals").object("discount")["amount"] as? Int == 500)
            let after = try await client.execute(
                uri: "/v1/admin/promotions/\(welcomeID)", method: .get, headers: H.headers(token: mia))
            #expect(after.json["uses"] as? Int == 1)
        }
    }
}
