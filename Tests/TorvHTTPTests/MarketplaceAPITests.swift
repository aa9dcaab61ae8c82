import Catalog
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

/// Sellers through the API: apply, onboard, review, list offers, and never reach another seller's data.
@Suite("Marketplace sellers through the API")
struct MarketplaceAPITests {
    static let password = "a long seller password"
    static let iban = "DE89 3704 0044 0532 0130 00"

    /// Applies through the API and signs the owner in; returns the seller ID and the owner's token.
    static func apply(
        _ name: String, kind: String, email: String, client: some TestClientProtocol
    ) async throws -> (id: String, token: String) {
        let applied = try await client.execute(
            uri: "/v1/seller/applications", method: .post, headers: [.contentType: "application/json"],
            body: Fixture.json([
                "display_name": name, "kind": kind,
                "owner": ["email": email, "password": password, "name": "Owner of \(name)"],
            ]))
        #expect(applied.status == .created, "\(applied.text)")
        let login = try await client.execute(
            uri: "/v1/seller/auth/login", method: .post, headers: [.contentType: "application/json"],
            body: Fixture.json(["email": email, "password": password]))
        #expect(login.status == .ok, "\(login.text)")
        return (applied.json.object("seller").string("id") ?? "", login.json.object("session").string("token") ?? "")
    }

    /// Takes a business seller from application to approved, through the operator's and seller's routes.
    static func approve(
        _ seller: (id: String, token: String), operatorToken: String, accepted: Bool = false,
        client: some TestClientProtocol
    ) async throws {
        let staff = Fixture.bearer(operatorToken)
        let own = Fixture.bearer(seller.token)
        var response: TestResponse
        if !accepted {
            response = try await client.execute(
                uri: "/v1/admin/sellers/\(seller.id)/transitions", method: .post, headers: staff,
                body: Fixture.json(["to": "onboarding"]))
            #expect(response.status == .ok, "\(response.text)")
        }
        response = try await client.execute(
            uri: "/v1/seller/me/onboarding", method: .put, headers: own,
            body: Fixture.json([
                "legal_name": "Nordic Ceramics AB", "registration_number": "556000-0000", "vat_id": "SE556000000001",
                "country": "SE", "payout_iban": iban, "payout_holder": "Nordic Ceramics AB",
            ]))
        #expect(response.status == .ok, "\(response.text)")
        response = try await client.execute(
            uri: "/v1/seller/me/documents", method: .post, headers: own,
            body: Fixture.json(["kind": "business_registration", "url": "https://files.example/extract.pdf"]))
        #expect(response.status == .created, "\(response.text)")
        response = try await client.execute(uri: "/v1/seller/me/submit", method: .post, headers: own)
        #expect(response.status == .ok, "\(response.text)")
        response = try await client.execute(
            uri: "/v1/admin/sellers/\(seller.id)/transitions", method: .post, headers: staff,
            body: Fixture.json(["to": "approved"]))
        #expect(response.json.string("status") == "approved", "\(response.text)")
    }

    @Test(
        "a seller applies, completes onboarding, is reviewed and approved; every wrong step says why",
        arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            let staff = Fixture.bearer(try await Fixture.staffToken("ops@shop.example", client: client))
            let seller = try await Self.apply(
                "Nordic Ceramics", kind: "business", email: "owner@nordic.example", client: client)
            let own = Fixture.bearer(seller.token)

            // Submitting before the operator accepted the application is not a move from `applied`.
            var response = try await client.execute(uri: "/v1/seller/me/submit", method: .post, headers: own)
            #expect(response.status == .conflict)
            #expect(response.json.string("code") == "transition_not_allowed")
            response = try await client.execute(
                uri: "/v1/admin/sellers/\(seller.id)/transitions", method: .post, headers: staff,
                body: Fixture.json(["to": "onboarding"]))
            #expect(response.json.string("status") == "onboarding")

            // Incomplete onboarding: one field error per missing item, nothing changes.
            response = try await client.execute(uri: "/v1/seller/me/submit", method: .post, headers: own)
            #expect(response.status == .unprocessableContent)
            #expect(response.json.string("code") == "onboarding_incomplete")
            let pointers = Set(response.json.array("errors").compactMap { $0["pointer"] as? String })
            #expect(
                pointers == [
                    "/onboarding/legal_name", "/onboarding/country", "/onboarding/payout_iban",
                    "/onboarding/registration_number", "/onboarding/vat_id", "/documents",
                ])
            response = try await client.execute(
                uri: "/v1/seller/me/onboarding", method: .put, headers: own,
                body: Fixture.json(["legal_name": "Nordic Ceramics AB", "payout_iban": "DE89 3704 0044 0532 0130 01"]))
            #expect(response.status == .badRequest)
            #expect(response.json.array("errors").first?["pointer"] as? String == "/onboarding/payout_iban")

            // An operator who suspends or sends back must say why.
            try await Self.approve(
                seller, operatorToken: try await Fixture.staffToken("ops@shop.example", client: client), accepted: true,
                client: client)
            response = try await client.execute(
                uri: "/v1/admin/sellers/\(seller.id)/transitions", method: .post, headers: staff,
                body: Fixture.json(["to": "suspended"]))
            #expect(response.status == .badRequest)
            #expect(response.json.string("code") == "reason_required")
            // Approved: onboarding facts (the payout account) are locked against a stolen sign-in.
            response = try await client.execute(
                uri: "/v1/seller/me/onboarding", method: .put, headers: own,
                body: Fixture.json(["payout_iban": "SE45 5000 0000 0583 9825 7466"]))
            #expect(response.status == .unprocessableContent)
            #expect(response.json.string("code") == "onboarding_locked")

            response = try await client.execute(uri: "/v1/seller/me", method: .get, headers: own)
            #expect(response.json.string("status") == "approved")
            #expect(response.json["trading"] as? Bool == true)
            #expect(
                response.json.array("history").compactMap { $0["to"] as? String } == [
                    "applied", "onboarding", "under_review", "approved",
                ])
            response = try await client.execute(uri: "/v1/store/sellers/nordic-ceramics", method: .get)
            #expect(response.status == .ok)
            #expect(response.json.string("display_name") == "Nordic Ceramics")
            #expect(response.json["onboarding"] == nil, "the public profile shows no onboarding facts")
        }
    }

    @Test(
        "offers: fee shown before listing, buy box on the product, and no seller reaches another's offers",
        arguments: TestBackend.allCases)
    func offersAndIsolation(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            let operatorToken = try await Fixture.staffToken("ops@shop.example", client: client)
            let staff = Fixture.bearer(operatorToken)
            let kitchen = try await platform.database.read { db in
                try await platform.catalog.categories(on: db).first { $0.name == "Kitchen" }!.id.rawValue
            }
            var response = try await client.execute(
                uri: "/v1/admin/marketplace/commission-rules", method: .put, headers: staff,
                body: Fixture.json([
                    "rules": [
                        ["id": "comr_default", "percent_basis_points": 1000],
                        [
                            "id": "comr_kitchen", "category_id": kitchen, "percent_basis_points": 800,
                            "minimum_per_line": ["amount": 50, "currency": "EUR"],
                        ],
                    ]
                ]))
            #expect(response.status == .ok, "\(response.text)")

            let nordic = try await Self.apply(
                "Nordic Ceramics", kind: "business", email: "a@nordic.example", client: client)
            let other = try await Self.apply("Other Goods", kind: "business", email: "b@other.example", client: client)
            let (a, b) = (Fixture.bearer(nordic.token), Fixture.bearer(other.token))

            // Live offers wait for approval; the fee is known before listing.
            let offer: [String: Any] = [
                "variant_id": shop.mug.rawValue, "price": ["amount": 850, "currency": "EUR"], "quantity": 5,
            ]
            response = try await client.execute(
                uri: "/v1/seller/offers", method: .post, headers: a, body: Fixture.json(offer))
            #expect(response.json.string("code") == "seller_not_trading")
            try await Self.approve(nordic, operatorToken: operatorToken, client: client)
            try await Self.approve(other, operatorToken: operatorToken, client: client)
            response = try await client.execute(
                uri: "/v1/seller/fee-preview", method: .post, headers: a,
                body: Fixture.json(["variant_id": shop.mug.rawValue, "unit_price": ["amount": 850, "currency": "EUR"]]))
            #expect(response.json.object("fee")["amount"] as? Int == 68, "8 % of 8.50 under the Kitchen rule")
            #expect(response.json.string("rule_id") == "comr_kitchen")

            response = try await client.execute(
                uri: "/v1/seller/offers", method: .post, headers: a, body: Fixture.json(offer))
            #expect(response.status == .created, "\(response.text)")
            let offerID = try #require(response.json.string("id"))
            #expect(response.json.object("fee").object("fee")["amount"] as? Int == 68)
            #expect(response.json.string("sku") == "MUG", "catalogue facts come from the catalogue")
            response = try await client.execute(
                uri: "/v1/seller/offers", method: .post, headers: a, body: Fixture.json(offer))
            #expect(response.json.string("code") == "offer_exists")
            response = try await client.execute(
                uri: "/v1/seller/offers", method: .post, headers: b,
                body: Fixture.json([
                    "variant_id": shop.mug.rawValue, "price": ["amount": 700, "currency": "EUR"], "quantity": 1,
                    "condition": "used", "condition_note": "chipped handle",
                ]))
            #expect(response.status == .created)

            // Another seller's offer does not exist for them: not readable, not changeable.
            response = try await client.execute(uri: "/v1/seller/offers/\(offerID)", method: .get, headers: b)
            #expect(response.status == .notFound)
            response = try await client.execute(
                uri: "/v1/seller/offers/\(offerID)", method: .patch, headers: b,
                body: Fixture.json(["price": ["amount": 1, "currency": "EUR"], "quantity": 0]))
            #expect(response.status == .notFound)
            response = try await client.execute(uri: "/v1/seller/offers", method: .get, headers: b)
            #expect(response.json.array("items").count == 1)
            #expect(response.json.array("items").allSatisfy { $0["seller_id"] as? String == other.id })
            response = try await client.execute(uri: "/v1/seller/offers/\(offerID)", method: .get, headers: a)
            #expect(response.json.object("price")["amount"] as? Int == 850, "unchanged by the other seller")
            #expect(response.json["quantity"] as? Int == 5)

            // A fulfilment user reads offers but cannot change them or manage users.
            response = try await client.execute(
                uri: "/v1/seller/users", method: .post, headers: a,
                body: Fixture.json([
                    "email": "picker@nordic.example", "password": Self.password, "name": "Pat", "role": "fulfilment",
                ]))
            #expect(response.status == .created, "\(response.text)")
            let picker = try await platform.identity.loginSellerUser(
                email: "picker@nordic.example", password: Self.password, in: platform.database
            ).0.token
            response = try await client.execute(
                uri: "/v1/seller/offers/\(offerID)", method: .get, headers: Fixture.bearer(picker))
            #expect(response.status == .ok)
            response = try await client.execute(
                uri: "/v1/seller/offers/\(offerID)", method: .patch, headers: Fixture.bearer(picker),
                body: Fixture.json(["quantity": 0]))
            #expect(response.status == .forbidden)
            response = try await client.execute(uri: "/v1/seller/users", method: .get, headers: Fixture.bearer(picker))
            #expect(response.status == .forbidden)
            response = try await client.execute(uri: "/v1/seller/users", method: .get, headers: b)
            #expect(response.json.array("items").map { $0["email"] as? String } == ["b@other.example"])

            // The product page: the new offer from the approved seller wins; the used one is listed, never default.
            let product = "mug"
            response = try await client.execute(uri: "/v1/store/products/\(product)/offers", method: .get)
            var items = response.json.array("items")
            #expect(items.map { $0["offer_id"] as? String }.first == offerID)
            #expect(items.map { $0["is_default"] as? Bool } == [true, false])
            #expect((items.last?["reasons"] as? [String])?.contains { $0.contains("used") } == true)

            // Suspension pauses the seller's offers at once.
            response = try await client.execute(
                uri: "/v1/admin/sellers/\(nordic.id)/transitions", method: .post, headers: staff,
                body: Fixture.json(["to": "suspended", "reason": "counterfeit report under review"]))
            #expect(response.json.string("status") == "suspended")
            response = try await client.execute(uri: "/v1/store/products/\(product)/offers", method: .get)
            items = response.json.array("items")
            #expect(items.count == 1)
            #expect(items.first?["offer_id"] as? String != offerID)
            response = try await client.execute(uri: "/v1/store/sellers/nordic-ceramics", method: .get)
            #expect(response.status == .notFound)
        }
    }

    @Test(
        "a reported offer: the seller answers, the operator takes it down for good; other sellers see nothing",
        arguments: TestBackend.allCases)
    func counterfeitCase(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Fixture.staff("ops@shop.example", roles: ["marketplace"], on: platform)
            let operatorToken = try await Fixture.staffToken("ops@shop.example", client: client)
            let staff = Fixture.bearer(operatorToken)
            let nordic = try await Self.apply(
                "Nordic Ceramics", kind: "business", email: "a@nordic.example", client: client)
            let other = try await Self.apply("Other Goods", kind: "business", email: "b@other.example", client: client)
            try await Self.approve(nordic, operatorToken: operatorToken, client: client)
            try await Self.approve(other, operatorToken: operatorToken, client: client)
            let (a, b) = (Fixture.bearer(nordic.token), Fixture.bearer(other.token))
            var response = try await client.execute(
                uri: "/v1/seller/offers", method: .post, headers: a,
                body: Fixture.json([
                    "variant_id": shop.mug.rawValue, "price": ["amount": 850, "currency": "EUR"], "quantity": 5,
                ]))
            let offerID = try #require(response.json.string("id"))

            // A guest must leave an address; a rights owner who does opens a case.
            let report: [String: Any] = [
                "reason": "counterfeit", "reporter": "rights_owner", "description": "Our trademark glaze, not our mug.",
                "evidence_urls": ["https://brand.example/evidence.pdf"],
            ]
            response = try await client.execute(
                uri: "/v1/store/offers/\(offerID)/reports", method: .post, headers: [.contentType: "application/json"],
                body: Fixture.json(report))
            #expect(response.status == .badRequest)
            var withEmail = report
            withEmail["email"] = "legal@brand.example"
            response = try await client.execute(
                uri: "/v1/store/offers/\(offerID)/reports", method: .post, headers: [.contentType: "application/json"],
                body: Fixture.json(withEmail))
            #expect(response.status == .accepted, "\(response.text)")
            let caseID = try #require(response.json.string("case_id"))

            // The seller sees the case but not who reported it; another seller sees nothing.
            response = try await client.execute(uri: "/v1/seller/cases", method: .get, headers: a)
            let seen = response.json.array("items")
            #expect(seen.count == 1 && seen.first?["reporter_contact"] == nil)
            response = try await client.execute(uri: "/v1/seller/cases", method: .get, headers: b)
            #expect(response.json.array("items").isEmpty)
            response = try await client.execute(
                uri: "/v1/seller/cases/\(caseID)/response", method: .post, headers: b,
                body: Fixture.json(["response": "not ours"]))
            #expect(response.status == .notFound)
            response = try await client.execute(
                uri: "/v1/seller/cases/\(caseID)/response", method: .post, headers: a,
                body: Fixture.json(["response": "Bought from the brand's distributor; invoice attached."]))
            #expect(response.json.string("status") == "awaiting_decision")

            // Taken down: paused for good, gone from the product page; a decided case stays decided.
            response = try await client.execute(
                uri: "/v1/admin/marketplace/cases/\(caseID)/decision", method: .post, headers: staff,
                body: Fixture.json(["decision": "take_down", "reason": "The distributor denies the sale."]))
            #expect(response.json.string("status") == "taken_down")
            #expect(response.json.string("reporter_contact") == "legal@brand.example")
            #expect(
                response.json.array("trail").compactMap { $0["action"] as? String } == [
                    "reported", "seller_responded", "taken_down",
                ])
            response = try await client.execute(
                uri: "/v1/seller/offers/\(offerID)", method: .patch, headers: a,
                body: Fixture.json(["status": "active"]))
            #expect(response.json.string("code") == "offer_taken_down")
            response = try await client.execute(uri: "/v1/store/products/mug/offers", method: .get)
            #expect(response.json.array("items").isEmpty)
            response = try await client.execute(
                uri: "/v1/admin/marketplace/cases/\(caseID)/decision", method: .post, headers: staff,
                body: Fixture.json(["decision": "restore", "reason": "second thoughts"]))
            #expect(response.json.string("code") == "case_decided")
        }
    }
}
