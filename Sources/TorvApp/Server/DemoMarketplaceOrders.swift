import Checkout
import Flows
import Foundation
import Orders
import Payments
import Persistence
import Sellers
import TorvCore

/// A month of marketplace trade: orders with items from one to three sellers (and the shop's own goods),
/// most shipped and delivered by their sellers weeks ago, a few still open today, and the payout run that
/// paid the sellers what their holdback released.
enum DemoMarketplaceOrders {
    static let sellerActor = AuditActor(kind: "system", id: "torv demo sellers")

    static func seed(buyers: [String], clock: ManualClock, until now: Date, on market: Platform) async throws {
        let offers = try await liveOffers(on: market)
        guard offers.count >= 3, let method = try await shippingMethod(on: market) else { return }
        // Twelve orders in the first days: each seller ships the next day and the carrier delivers two days later.
        var placed: [OrderID] = []
        for index in 0..<12 {
            clock.advance(by: 5 * 3_600)
            let picks = (0..<(index % 3 + 1)).map { offers[(index * 5 + $0 * 7) % offers.count] }
            if let order = try await buy(
                picks, email: buyers.isEmpty ? "guest@torv.demo" : buyers[index % buyers.count], method: method,
                key: "demo-market-\(index)", on: market)
            {
                placed.append(order)
            }
        }
        clock.advance(by: 86_400)
        try await fulfil(placed, deliver: false, on: market)
        clock.advance(by: 2 * 86_400)
        try await fulfil(placed, deliver: true, on: market)
        // Today: a few orders their sellers have not shipped yet.
        clock.set(now.addingTimeInterval(-6 * 3_600))
        for index in 12..<15 {
            let picks = [offers[(index * 3) % offers.count], offers[(index * 3 + 4) % offers.count]]
            _ = try await buy(
                picks, email: buyers.isEmpty ? "guest@torv.demo" : buyers[index % buyers.count], method: method,
                key: "demo-market-\(index)", on: market)
        }
        // The weekly payout run: sales delivered more than the holdback ago are paid, the rest waits.
        _ = try await market.sellers.runPayouts(
            minimum: Money(minorUnits: 1_000, currency: .eur), at: now, runKey: "demo-weekly-run",
            by: AuditActor(kind: "system", id: "torv demo"), in: market.database)
    }

    /// Every active offer of a trading seller, in a stable order.
    static func liveOffers(on market: Platform) async throws -> [SellerOffer] {
        let now = market.clock.now()
        return try await market.database.read { db in
            var offers: [SellerOffer] = []
            for seller in try await market.sellers.sellers(status: .approved, after: nil, limit: 50, on: db)
            where seller.isTrading(at: now) {
                offers += try await market.sellers.offers(of: seller.id, after: nil, limit: 50, on: db).filter {
                    $0.status == .active && $0.quantity > 2
                }
            }
            return offers
        }
    }

    static func shippingMethod(on market: Platform) async throws -> ShippingMethodID? {
        let options = try await market.database.read { db in
            try await market.checkout.shippingOptions(
                to: "SE", currency: .eur, weightGrams: 0, subtotal: .zero(.eur), on: db)
        }
        return options.first?.methodID
    }

    /// A guest checkout of one unit from each offer, paid by test card; nil when an offer could not be
    /// bought (sold out meanwhile).
    static func buy(
        _ offers: [SellerOffer], email: String, method: ShippingMethodID, key: String, on market: Platform
    ) async throws -> OrderID? {
        let created = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: market)
        guard let token = created.guestToken else { return nil }
        let (id, access) = (created.cart.id, CartAccess.guest(token: token))
        for offer in offers {
            _ = try await ShoppingCarts.addLine(
                variant: offer.variantID, offer: offer.id.rawValue, quantity: 1, to: id, access: access, on: market)
        }
        _ = try await ShoppingCarts.setContact(email: email, phone: nil, in: id, access: access, on: market)
        _ = try await ShoppingCarts.setAddresses(
            shipping: Address(
                name: "Demo Buyer", line1: "Storgatan 1", city: "Malmö", postalCode: "211 22", country: "SE"),
            billing: nil, in: id, access: access, on: market)
        _ = try await ShoppingCarts.setDelivery(.shipping(method), in: id, access: access, on: market)
        let view = try await ShoppingCarts.view(id, access: access, on: market)
        guard view.isReadyForCheckout else { return nil }
        let outcome = try await OrderPlacement.checkOut(
            id, access: access, key: key, payment: .card(number: TestCard.approves), on: market)
        return outcome.order.status == .paid ? outcome.order.id : nil
    }

    /// Each seller ships its part (`deliver == false`) or confirms the carrier delivered it.
    static func fulfil(_ orders: [OrderID], deliver: Bool, on market: Platform) async throws {
        for orderID in orders {
            let parts = try await market.database.read { db in try await market.orders.subOrders(of: orderID, on: db) }
            for part in parts {
                guard let sellerID = SellerID(part.sellerID) else { continue }
                if deliver {
                    _ = try await SellerOrders.confirmDelivery(part.id, seller: sellerID, by: sellerActor, on: market)
                } else {
                    _ = try await SellerOrders.ship(
                        part.id, seller: sellerID, carrier: "PostNord",
                        trackingNumber: "PN\(part.number.filter(\.isNumber))SE", by: sellerActor, on: market)
                }
            }
        }
    }
}
