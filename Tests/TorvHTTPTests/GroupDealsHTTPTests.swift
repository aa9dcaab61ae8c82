import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Payments
import Persistence
import Promotions
import TestSupport
import Testing
import TorvCore
import TorvHTTP

@Suite("Group deals over HTTP")
struct GroupDealsHTTPTests {
    typealias H = CheckoutHTTPTests

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test(
        "marketing sets up a group deal; customers join by card, follow its progress and get vouchers redeemed once; refusals have their own codes; others are refused",
        arguments: TestBackend.allCases)
    func groupDeal(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            _ = try await Fixture.staff("mia@shop.example", roles: ["marketing"], on: platform)
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            let mia = try await Fixture.staffToken("mia@shop.example", client: client)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)
            let now = platform.clock.now()
            let tiers: [[String: Any]] = [
                ["from_participants": 1, "unit_price": ["amount": 800, "currency": "EUR"]],
                ["from_participants": 3, "unit_price": ["amount": 700, "currency": "EUR"]],
            ]

            let bad = try await client.execute(
                uri: "/v1/admin/group-deals", method: .post, headers: H.headers(token: mia, key: "g0"),
                body: Fixture.json([
                    "title": "Mugs", "variant_id": shop.mug.rawValue, "tiers": tiers, "min_participants": 1,
                    "opens_at": Self.iso(now), "deadline": Self.iso(now.addingTimeInterval(-60)),
                ]))
            #expect(bad.status == .badRequest)
            #expect(
                Set(bad.json.array("errors").compactMap { $0.string("pointer") }) == [
                    "/min_participants", "/deadline",
                ],
                "\(bad.text)")
            let created = try await client.execute(
                uri: "/v1/admin/group-deals", method: .post, headers: H.headers(token: mia, key: "g1"),
                body: Fixture.json([
                    "title": "Mugs together", "variant_id": shop.mug.rawValue, "tiers": tiers, "min_participants": 2,
                    "opens_at": Self.iso(now), "deadline": Self.iso(now.addingTimeInterval(3600)),
                    "voucher_valid_days": 30,
                ]))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json.string("id"))
            #expect(
                created.json.string("phase") == "open" && created.json.object("regular_price")["amount"] as? Int == 900)
            let refused = try await client.execute(
                uri: "/v1/admin/group-deals", method: .get, headers: H.headers(token: dock))
            #expect(refused.status == .forbidden)

            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let bo = try await Fixture.customerToken("bo@example.com", on: platform)
            let cy = try await Fixture.customerToken("cy@example.com", on: platform)
            let anonymous = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/join", method: .post, headers: H.headers(key: "j-anon"),
                body: Fixture.json(["card_number": TestCard.approves]))
            #expect(anonymous.status == .unauthorized)
            let joined = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/join", method: .post, headers: H.headers(token: ada, key: "j1"),
                body: Fixture.json(["card_number": TestCard.approves]))
            #expect(joined.status == .created, "\(joined.text)")
            #expect(joined.json.string("status") == "joined" && joined.json["number"] as? Int == 1)
            #expect(joined.json.string("invite_path") == "/deals/\(id)?invited_by=1")
            // The same request again is the same join, not a second one.
            let replay = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/join", method: .post, headers: H.headers(token: ada, key: "j1"),
                body: Fixture.json(["card_number": TestCard.approves]))
            #expect(replay.status == .created && replay.json["number"] as? Int == 1)
            let twice = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/join", method: .post, headers: H.headers(token: ada, key: "j2"),
                body: Fixture.json(["card_number": TestCard.approves]))
            #expect(twice.status == .conflict && twice.json.string("code") == "group_deal_already_joined")
            let declined = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/join", method: .post, headers: H.headers(token: bo, key: "j3"),
                body: Fixture.json(["card_number": TestCard.declines]))
            #expect(declined.status == .unprocessableContent && declined.json.string("code") == "payment_declined")

            // The storefront: Ada sees her place, a guest does not.
            let mine = try await client.execute(
                uri: "/v1/store/group-deals/\(id)", method: .get, headers: H.headers(token: ada))
            #expect(mine.json["participants"] as? Int == 1 && mine.json["needed"] as? Int == 1)
            #expect(mine.json.object("your_place")["number"] as? Int == 1)
            let guest = try await client.execute(uri: "/v1/store/group-deals", method: .get)
            let offer = try #require(guest.json.array("items").first)
            #expect(offer["your_place"] == nil && offer["seconds_left"] as? Int == 3600)

            let boJoined = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/join", method: .post, headers: H.headers(token: bo, key: "j4"),
                body: Fixture.json(["card_number": TestCard.approves]))
            #expect(boJoined.status == .created, "\(boJoined.text)")
            // Tipped: leaving is refused.
            let leave = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/leave", method: .post, headers: H.headers(token: ada, key: "l1"))
            #expect(leave.status == .unprocessableContent && leave.json.string("code") == "group_deal_tipped")
            let tipped = try await client.execute(uri: "/v1/store/group-deals/\(id)", method: .get)
            #expect(tipped.json.string("phase") == "tipped")
            #expect(tipped.json.array("log").compactMap { $0.string("kind") } == ["joined", "joined", "tipped"])
            // Shoppers appear by initials only.
            #expect(tipped.json.array("log").first?.string("display_name") == "S.")
            #expect(!tipped.text.contains("ada@example.com") && !tipped.text.contains("cus_"))

            // After the deadline by the server's clock: closed.
            env.clock.advance(by: 3600)
            let late = try await client.execute(
                uri: "/v1/store/group-deals/\(id)/join", method: .post, headers: H.headers(token: cy, key: "j5"),
                body: Fixture.json(["card_number": TestCard.approves]))
            #expect(late.status == .unprocessableContent && late.json.string("code") == "group_deal_closed")
            #expect(try await GroupDeals.settleDue(on: platform) == 1)

            let vouchers = try await client.execute(
                uri: "/v1/store/me/group-deal-vouchers", method: .get, headers: H.headers(token: ada))
            let items = vouchers.json.array("items")
            #expect(items.count == 1 && items.first?.string("title") == "Mugs together")
            let code = try #require(items.first?.string("code"))
            let cyVouchers = try await client.execute(
                uri: "/v1/store/me/group-deal-vouchers", method: .get, headers: H.headers(token: cy))
            #expect(cyVouchers.json.array("items").isEmpty)
            let detail = try await client.execute(
                uri: "/v1/admin/group-deals/\(id)", method: .get, headers: H.headers(token: mia))
            #expect(detail.json.string("status") == "succeeded")
            #expect(
                detail.json.array("participant_list").compactMap { $0.string("status") } == [
                    "captured", "rejected", "captured",
                ])

            let dockRedeems = try await client.execute(
                uri: "/v1/admin/group-deals/vouchers/redeem", method: .post, headers: H.headers(token: dock, key: "r0"),
                body: Fixture.json(["code": code]))
            #expect(dockRedeems.status == .forbidden)
            let redeemed = try await client.execute(
                uri: "/v1/admin/group-deals/vouchers/redeem", method: .post, headers: H.headers(token: mia, key: "r1"),
                body: Fixture.json(["code": code.lowercased()]))
            #expect(redeemed.status == .ok && redeemed.json.string("redeemed_at") != nil, "\(redeemed.text)")
            let again = try await client.execute(
                uri: "/v1/admin/group-deals/vouchers/redeem", method: .post, headers: H.headers(token: mia, key: "r2"),
                body: Fixture.json(["code": code]))
            #expect(again.status == .conflict && again.json.string("code") == "voucher_already_redeemed")
            let unknown = try await client.execute(
                uri: "/v1/admin/group-deals/vouchers/redeem", method: .post, headers: H.headers(token: mia, key: "r3"),
                body: Fixture.json(["code": "AAAA-BBBB-CCCC"]))
            #expect(unknown.status == .notFound && unknown.json.string("code") == "voucher_not_found")
        }
    }
}
