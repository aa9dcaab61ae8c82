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

/// A seller's money through the API: balance, movements, payouts and statement on the seller's own routes,
/// payout runs and adjustments for the marketplace, and no seller ever reaching another's figures.
@Suite("Seller balances and payouts through the API")
struct SellerBalancesAPITests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    @Test(
        "a seller sees its own balance, movements, payouts and statement; never another's; fulfilment sees none",
        arguments: TestBackend.allCases)
    func balancesAndIsolation(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            let operatorToken = try await Fixture.staffToken("ops@shop.example", client: client)
            var staff = Fixture.bearer(operatorToken)
            let sellerA = try await MarketplaceAPITests.apply(
                "Nordic Ceramics", kind: "business", email: "a@nordic.example", client: client)
            let sellerB = try await MarketplaceAPITests.apply(
                "Other Goods", kind: "business", email: "b@other.example", client: client)
            try await MarketplaceAPITests.approve(sellerA, operatorToken: operatorToken, client: client)
            try await MarketplaceAPITests.approve(sellerB, operatorToken: operatorToken, client: client)
            var (a, b) = (Fixture.bearer(sellerA.token), Fixture.bearer(sellerB.token))
            let idA = try #require(SellerID(sellerA.id))

            // Split orders record the sale and its fee; the sale waits for its holdback.
            let sold = env.clock.now
            try await platform.database.inTransaction { db in
                try await platform.sellers.recordMovements(
                    [
                        NewSellerMovement(
                            sellerID: idA, kind: .sale, amount: Money(minorUnits: 12_000, currency: .eur),
                            availableAt: sold.addingTimeInterval(Sellers.defaultHoldback), reference: "sub_1",
                            key: "sale:sub_1"),
                        NewSellerMovement(
                            sellerID: idA, kind: .fee, amount: Money(minorUnits: -1_200, currency: .eur),
                            availableAt: sold, reference: "sub_1", key: "fee:sub_1"),
                    ], on: db)
            }
            var response = try await client.execute(uri: "/v1/seller/balance", method: .get, headers: a)
            #expect(response.status == .ok, "\(response.text)")
            var balance = response.json.array("items").first ?? [:]
            #expect(balance["currency"] as? String == "EUR")
            #expect((balance["total"] as? [String: Any])?["amount"] as? Int == 10_800)
            #expect((balance["pending"] as? [String: Any])?["amount"] as? Int == 12_000)
            #expect((balance["available"] as? [String: Any])?["amount"] as? Int == -1_200)

            // Seller B's token reaches seller B's empty account, whatever it asks.
            for path in ["/v1/seller/balance", "/v1/seller/movements", "/v1/seller/payouts"] {
                response = try await client.execute(uri: path, method: .get, headers: b)
                #expect(response.status == .ok, "\(path)")
                #expect(response.json.array("items").isEmpty, "\(path) \(response.text)")
            }
            response = try await client.execute(
                uri: "/v1/seller/statement?from=2027-01-01&to=2027-12-31", method: .get, headers: b)
            #expect(response.json.array("items").isEmpty, "\(response.text)")

            // A fulfilment user of seller A has no business with its money.
            response = try await client.execute(
                uri: "/v1/seller/users", method: .post, headers: a,
                body: Fixture.json([
                    "email": "picker@nordic.example", "password": MarketplaceAPITests.password, "name": "Pat",
                    "role": "fulfilment",
                ]))
            #expect(response.status == .created, "\(response.text)")
            let picker = Fixture.bearer(
                try await platform.identity.loginSellerUser(
                    email: "picker@nordic.example", password: MarketplaceAPITests.password, in: platform.database
                ).0.token)
            for path in [
                "/v1/seller/balance", "/v1/seller/movements", "/v1/seller/payouts",
                "/v1/seller/statement?from=2027-01-01&to=2027-12-31",
            ] {
                #expect(try await client.execute(uri: path, method: .get, headers: picker).status == .forbidden)
            }

            // The marketplace corrects the balance with a note, once per Idempotency-Key.
            var adjust = staff
            adjust[Self.idempotencyKey] = "adjust-1"
            response = try await client.execute(
                uri: "/v1/admin/sellers/\(sellerA.id)/adjustments", method: .post, headers: adjust,
                body: Fixture.json(["amount": ["amount": 2_500, "currency": "EUR"], "note": "  "]))
            #expect(response.status == .badRequest)
            #expect(response.json.string("code") == "note_required")
            adjust[Self.idempotencyKey] = "adjust-2"
            for _ in 0..<2 {
                response = try await client.execute(
                    uri: "/v1/admin/sellers/\(sellerA.id)/adjustments", method: .post, headers: adjust,
                    body: Fixture.json([
                        "amount": ["amount": 2_500, "currency": "EUR"], "note": "shipping label refund",
                        "reference": "sub_1",
                    ]))
                #expect(response.status == .created, "\(response.text)")
                #expect(response.json.object("balance_after")["amount"] as? Int == 13_300)
            }
            response = try await client.execute(
                uri: "/v1/admin/sellers/\(sellerB.id)/adjustments", method: .post, headers: a,
                body: Fixture.json(["amount": ["amount": 100, "currency": "EUR"], "note": "self-service"]))
            #expect(response.status == .forbidden)

            // After the holdback a payout run pays seller A's available balance; a replay pays nothing again.
            env.clock.advance(by: Sellers.defaultHoldback)
            // Two weeks on, both sign in again (their sessions have expired).
            staff = Fixture.bearer(try await Fixture.staffToken("ops@shop.example", client: client))
            a = Fixture.bearer(
                try await platform.identity.loginSellerUser(
                    email: "a@nordic.example", password: MarketplaceAPITests.password, in: platform.database
                ).0.token)
            b = Fixture.bearer(
                try await platform.identity.loginSellerUser(
                    email: "b@other.example", password: MarketplaceAPITests.password, in: platform.database
                ).0.token)
            var run = staff
            run[Self.idempotencyKey] = "run-1"
            response = try await client.execute(
                uri: "/v1/admin/marketplace/payout-runs", method: .post, headers: run,
                body: Fixture.json(["minimum": ["amount": 1_000, "currency": "EUR"]]))
            #expect(response.status == .created, "\(response.text)")
            #expect(response.json["paid_count"] as? Int == 1)
            #expect(response.json.object("paid_total")["amount"] as? Int == 13_300)
            let runID = response.json.string("id") ?? ""
            response = try await client.execute(
                uri: "/v1/admin/marketplace/payout-runs", method: .post, headers: run,
                body: Fixture.json(["minimum": ["amount": 1_000, "currency": "EUR"]]))
            #expect(response.json.string("id") == runID)
            response = try await client.execute(
                uri: "/v1/admin/marketplace/payout-runs", method: .post, headers: staff,
                body: Fixture.json(["minimum": ["amount": 1_000, "currency": "EUR"], "run_key": "week-51"]))
            #expect(response.json["paid_count"] as? Int == 0, "nothing is left to pay")

            response = try await client.execute(uri: "/v1/seller/payouts", method: .get, headers: a)
            let payouts = response.json.array("items")
            #expect(payouts.count == 1)
            #expect(payouts.first?["status"] as? String == "scheduled")
            #expect(payouts.first?["iban"] as? String == "•••• 3000", "a seller sees the end of its account only")
            response = try await client.execute(uri: "/v1/seller/payouts", method: .get, headers: b)
            #expect(response.json.array("items").isEmpty)

            response = try await client.execute(
                uri: "/v1/admin/marketplace/payout-runs/\(runID)", method: .get, headers: staff)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json.array("payouts").first?["iban"] as? String == "DE89370400440532013000")
            response = try await client.execute(uri: "/v1/admin/marketplace/payout-runs", method: .get, headers: staff)
            #expect(response.json.array("items").count == 2)
            response = try await client.execute(uri: "/v1/admin/marketplace/payout-runs", method: .get, headers: a)
            #expect(response.status == .forbidden)

            // Movements and statement explain the zero balance line by line.
            response = try await client.execute(uri: "/v1/seller/movements?limit=2", method: .get, headers: a)
            #expect(response.json.array("items").map { $0["kind"] as? String } == ["sale", "fee"])
            let next = response.json.string("next") ?? ""
            response = try await client.execute(uri: "/v1/seller/movements?after=\(next)", method: .get, headers: a)
            let rest = response.json.array("items")
            #expect(rest.map { $0["kind"] as? String } == ["adjustment", "payout"])
            #expect((rest.last?["balance_after"] as? [String: Any])?["amount"] as? Int == 0)
            response = try await client.execute(
                uri: "/v1/seller/statement?from=2027-01-01&to=2027-12-31", method: .get, headers: a)
            #expect(response.status == .ok, "\(response.text)")
            let statement = response.json.array("items").first ?? [:]
            #expect((statement["opening"] as? [String: Any])?["amount"] as? Int == 0)
            #expect((statement["closing"] as? [String: Any])?["amount"] as? Int == 0)
            #expect((statement["lines"] as? [[String: Any]])?.count == 4)
            response = try await client.execute(
                uri: "/v1/seller/statement?from=2027-12-31&to=2027-01-01", method: .get, headers: a)
            #expect(response.status == .badRequest)
            response = try await client.execute(uri: "/v1/seller/balance", method: .get, headers: a)
            balance = response.json.array("items").first ?? [:]
            #expect((balance["available"] as? [String: Any])?["amount"] as? Int == 0)
        }
    }
}
