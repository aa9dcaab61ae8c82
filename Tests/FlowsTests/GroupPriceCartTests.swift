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
}
