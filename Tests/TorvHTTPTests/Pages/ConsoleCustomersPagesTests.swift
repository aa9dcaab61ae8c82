import Checkout
import Customers
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

/// The console's customer pages: accounts with their orders and company, B2B companies created and
/// given buyers once, mistakes beside the form, and who may see what.
@Suite("Console customers pages")
struct ConsoleCustomersPagesTests {
    static func register(_ email: String, name: String, on platform: Platform) async throws -> CustomerAccount {
        let outcome = try await platform.identity.registerCustomer(
            email: email, password: Fixture.password, name: name, requestID: nil, in: platform.database)
        guard case .created(let account) = outcome else { throw CancellationError() }
        return account
    }

    /// A paid card order of one mug by a signed-in customer.
    static func order(by customer: CustomerID, shop: TestShop, on platform: Platform) async throws -> Order {
        let access = CartAccess.customer(customer.rawValue)
        let cart = try await ShoppingCarts.create(
            channel: "web", currency: .eur, customer: customer.rawValue, on: platform
        ).cart.id
        _ = try await ShoppingCarts.addLine(
            variant: shop.mug.rawValue, quantity: 1, to: cart, access: access, on: platform)
        _ = try await ShoppingCarts.setContact(
            email: "ada@example.com", phone: nil, in: cart, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: cart, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(.shipping(shop.parcel), in: cart, access: access, on: platform)
        return try await OrderPlacement.checkOut(
            cart, access: access, key: "customer-page", payment: .card(number: TestCard.approves), on: platform
        ).order
    }

    @Test(
        "staff see a customer's account and orders; a company is created and given a buyer once, with mistakes shown beside the form",
        arguments: TestBackend.allCases)
    func customersAndCompanies(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let ada = try await Self.register("ada@example.com", name: "Ada Lovelace", on: platform)
            let order = try await Self.order(by: ada.id, shop: shop, on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)

            let list = try await owner.get("/admin/customers")
            #expect(list.status == .ok)
            #expect(
                list.text.contains("href=\"/admin/customers\" aria-current=\"page\""), "the navigation marks Customers")
            #expect(
                list.text.contains(
                    "<a href=\"/admin/customers/accounts/\(ada.id.rawValue)\">Ada Lovelace</a></th><td>ada@example.com</td>"
                ))
            let adaPage = try await owner.get("/admin/customers/accounts/\(ada.id.rawValue)")
            #expect(adaPage.status == .ok)
            #expect(adaPage.text.contains("<a href=\"/admin/orders/\(order.id.rawValue)\">\(order.number)</a>"))
            #expect(!adaPage.text.contains("id=\"customer-company\""))

            let badVAT = try await owner.post(
                "/admin/customers/companies",
                [
                    ("legal_name", "Acme GmbH"), ("vat_id", "XX"), ("line1", "Hauptstraße 1"), ("postal_code", "10115"),
                    ("city", "Berlin"), ("country", "DE"), ("payment_terms_days", "30"), ("credit_limit", "5000"),
                ])
            #expect(badVAT.status == .unprocessableContent)
            #expect(badVAT.text.contains("id=\"company-error\""))
            #expect(badVAT.text.contains("value=\"Acme GmbH\"") && badVAT.text.contains("value=\"Hauptstraße 1\""))
            let badCredit = try await owner.post(
                "/admin/customers/companies",
                [
                    ("legal_name", "Acme GmbH"), ("line1", "Hauptstraße 1"), ("postal_code", "10115"),
                    ("city", "Berlin"),
                    ("country", "DE"), ("payment_terms_days", "30"), ("credit_limit", "lots"),
                ])
            #expect(badCredit.text.contains("Credit limit must be an amount such as 5000.00 in EUR."))
            #expect(try await platform.database.read { db in try await platform.customers.companies(on: db) }.isEmpty)

            let fields = [
                ("legal_name", "Acme GmbH"), ("vat_id", "DE123456789"), ("line1", "Hauptstraße 1"),
                ("postal_code", "10115"), ("city", "Berlin"), ("country", "de"), ("payment_terms_days", "45"),
                ("credit_limit", "5000.00"),
            ]
            let key = ConsoleBrowser.randomKey()
            let created = try await owner.post("/admin/customers/companies", fields, key: key)
            let again = try await owner.post("/admin/customers/companies", fields, key: key)
            #expect(created.status == .seeOther && again.location == created.location)
            let companies = try await platform.database.read { db in try await platform.customers.companies(on: db) }
            #expect(companies.count == 1)
            let acme = try #require(companies.first)
            #expect(acme.paymentTermsDays == 45 && acme.creditLimit == Money(minorUnits: 500_000, currency: .eur))
            let companyPage = try await owner.get(try #require(created.location))
            #expect(companyPage.text.contains("id=\"company-notice\">The company was created."))
            #expect(companyPage.text.contains("id=\"company-terms-days\">Net 45 days<"))
            #expect(
                companyPage.text.contains(
                    "id=\"company-credit-limit\">\(Money(minorUnits: 500_000, currency: .eur).formatted(locale: Locale(identifier: "en_IE")))<"
                ))

            let members = "/admin/customers/companies/\(acme.id.rawValue)/members"
            let stranger = try await owner.post(members, [("customer", "nobody@example.com"), ("role", "buyer")])
            #expect(stranger.status == .unprocessableContent)
            #expect(stranger.text.contains("id=\"member-error\">No customer account has this e-mail address or ID.<"))
            let approverWithLimit = try await owner.post(
                members, [("customer", "ada@example.com"), ("role", "approver"), ("approval_limit", "1000")])
            #expect(approverWithLimit.status == .unprocessableContent)
            #expect(approverWithLimit.text.contains("only buyers have an approval limit"))
            #expect(approverWithLimit.text.contains("<option value=\"approver\" selected>"), "the choice stays")
            let memberFields = [("customer", "ADA@example.com"), ("role", "buyer"), ("approval_limit", "1000")]
            let memberKey = ConsoleBrowser.randomKey()
            let added = try await owner.post(members, memberFields, key: memberKey)
            let addedAgain = try await owner.post(members, memberFields, key: memberKey)
            #expect(added.status == .seeOther && addedAgain.location == added.location)
            let membership = try await platform.database.read { db in
                try await platform.customers.members(of: acme.id, on: db)
            }
            #expect(membership.map(\.customerID) == [ada.id.rawValue])
            #expect(membership.first?.role == .buyer)
            #expect(membership.first?.approvalLimit == Money(minorUnits: 100_000, currency: .eur))
            let withBuyer = try await owner.get("/admin/customers/companies/\(acme.id.rawValue)")
            #expect(withBuyer.text.contains("Ada Lovelace (ada@example.com)</a></th><td>Buyer</td>"))
            let adaAgain = try await owner.get("/admin/customers/accounts/\(ada.id.rawValue)")
            #expect(
                adaAgain.text.contains(
                    "id=\"customer-company\"><a href=\"/admin/customers/companies/\(acme.id.rawValue)\">Acme GmbH</a> (buyer)"
                ))
        }
    }

    @Test(
        "support reads customers, companies and orders but may not add companies; warehouse staff read none; strangers sign in first",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let ada = try await Self.register("ada@example.com", name: "Ada Lovelace", on: platform)
            let order = try await Self.order(by: ada.id, shop: shop, on: platform)
            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            let page = try await support.get("/admin/customers/accounts/\(ada.id.rawValue)")
            #expect(page.status == .ok && page.text.contains("ada@example.com"))
            #expect(page.text.contains("<a href=\"/admin/orders/\(order.id.rawValue)\">\(order.number)</a>"))
            let companies = try await support.get("/admin/customers/companies")
            #expect(
                companies.status == .ok && !companies.text.contains("id=\"company-form\""), "no form without manage")
            let forbidden = try await support.post(
                "/admin/customers/companies",
                [("legal_name", "Acme"), ("line1", "A 1"), ("postal_code", "1"), ("city", "B"), ("country", "DE")])
            #expect(forbidden.status == .forbidden)

            let dock = try await ConsoleBrowser.signIn(
                "dock@shop.example", roles: ["warehouse"], on: platform, client: client)
            let refused = try await dock.get("/admin/customers")
            #expect(refused.status == .forbidden && !refused.text.contains("href=\"/admin/customers\""))

            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            let forged = try await owner.post(
                "/admin/customers/companies",
                [("legal_name", "Acme"), ("line1", "A 1"), ("postal_code", "1"), ("city", "B"), ("country", "DE")],
                withToken: false)
            #expect(forged.status == .forbidden)
            #expect(try await platform.database.read { db in try await platform.customers.companies(on: db) }.isEmpty)
            #expect(try await owner.get("/admin/customers/accounts/cus_nobody").status == .notFound)
            let signedOut = try await ConsoleBrowser(client: client, session: nil).get("/admin/customers")
            #expect(signedOut.status == .seeOther)
        }
    }
}
