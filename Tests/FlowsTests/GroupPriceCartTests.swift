import Catalog
import Checkout
import Customers
import Flows
import Foundation
import Identity
import Orders
import Persistence
import TestSupport
import Testing
import TorvCore

/// B2B and loyalty prices reach the cart and the order: a member of a customer group pays the
/// group's list price, everyone else the public price.
@Suite("Customer-group prices in carts and checkout")
struct GroupPriceCartTests {
    static let eur = Currency(code: "EUR")!

    @Test(
        "a trade member's cart and order carry the trade price; a guest's the public one",
        arguments: TestBackend.allCases)
    func tradePrice(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let member = try await B2BCheckoutTests.customer("trade@example.com", on: platform)
            _ = try await B2BCheckoutTests.customer("retail@example.com", on: platform)
            try await platform.database.inTransaction { db in
                let trade = try await platform.customers.createGroup(
                    code: "trade", name: "Trade", by: TestShop.actor, on: db)
                _ = try await platform.customers.addMember(member, to: trade.id, by: TestShop.actor, on: db)
                // A second group with no list: membership of several groups must not hide the trade list.
                let newsletter = try await platform.customers.createGroup(
                    code: "aaa-newsletter", name: "Newsletter", by: TestShop.actor, on: db)
                _ = try await platform.customers.addMember(member, to: newsletter.id, by: TestShop.actor, on: db)
                let list = try await platform.catalog.createPriceList(
                    NewPriceList(name: "Trade", channel: "web", currency: Self.eur, customerGroup: "trade"),
                    by: TestShop.actor, on: db)
                try await platform.catalog.setPrice(
                    Money(minorUnits: 1500, currency: Self.eur), of: shop.teeS, in: list.id, by: TestShop.actor,
                    on: db)
            }
            env.clock.advance(by: 1)

            let guest = try await ShoppingCarts.create(channel: "web", currency: Self.eur, customer: nil, on: platform)
            let guestView = try await ShoppingCarts.addLine(
                variant: shop.teeS.rawValue, quantity: 1, to: guest.cart.id,
                access: .guest(token: guest.guestToken ?? ""), on: platform)
            #expect(guestView.lines.first?.offer?.unitPrice.amount == 1999)

            let id = try await B2BCheckoutTests.cart(shop, tees: 2, for: member, on: platform)
            let view = try await ShoppingCarts.view(id, access: .customer(member), on: platform)
            #expect(view.lines.first?.offer?.unitPrice.amount == 1500)
            #expect(view.lines.first?.offer?.price.priceListName == "Trade")

            let outcome = try await OrderPlacement.checkOut(
                id, access: .customer(member), key: "trade-1", payment: .card(number: "4242424242424242"),
                on: platform)
            #expect(outcome.order.lines.first?.unitPrice.amount == 1500)
            #expect(outcome.order.totals.subtotal.amount == 3000)
        }
    }

    @Test(
        "a company's buyers pay its contract price list; another company's buyer does not",
        arguments: TestBackend.allCases)
    func contractPrice(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let buyer = try await B2BCheckoutTests.customer("buyer@acme.example", on: platform)
            let stranger = try await B2BCheckoutTests.customer("buyer@other.example", on: platform)
            let address = StreetAddress(
                recipient: "Accounts", line1: "Box 1", city: "Malmö", postalCode: "211 00", countryCode: "SE")
            try await platform.database.inTransaction { db in
                // Restricted to a group nobody belongs to: only the grant from the company opens it.
                let contract = try await platform.catalog.createPriceList(
                    NewPriceList(
                        name: "Acme contract", channel: "web", currency: Self.eur, customerGroup: "contract-acme"),
                    by: TestShop.actor, on: db)
                try await platform.catalog.setPrice(
                    Money(minorUnits: 1200, currency: Self.eur), of: shop.teeS, in: contract.id, by: TestShop.actor,
                    on: db)
                let acme = try await platform.customers.createCompany(
                    CompanyDraft(legalName: "Acme AB", billingAddress: address, priceListID: contract.id.rawValue),
                    by: TestShop.actor, on: db)
                _ = try await platform.customers.addBuyer(
                    acme.id, customerID: buyer, role: .buyer, by: TestShop.actor, on: db)
                let other = try await platform.customers.createCompany(
                    CompanyDraft(legalName: "Other AB", billingAddress: address), by: TestShop.actor, on: db)
                _ = try await platform.customers.addBuyer(
                    other.id, customerID: stranger, role: .buyer, by: TestShop.actor, on: db)
            }
            env.clock.advance(by: 1)

            let acmeCart = try await B2BCheckoutTests.cart(shop, tees: 1, for: buyer, on: platform)
            let acmeView = try await ShoppingCarts.view(acmeCart, access: .customer(buyer), on: platform)
            #expect(acmeView.lines.first?.offer?.unitPrice.amount == 1200)
            let otherCart = try await B2BCheckoutTests.cart(shop, tees: 1, for: stranger, on: platform)
            let otherView = try await ShoppingCarts.view(otherCart, access: .customer(stranger), on: platform)
            #expect(otherView.lines.first?.offer?.unitPrice.amount == 1999)
        }
    }
}
