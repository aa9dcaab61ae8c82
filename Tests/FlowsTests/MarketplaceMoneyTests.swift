import Checkout
import Flows
import Foundation
import Ledger
import Orders
import Payments
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

/// Every cent of a marketplace is somewhere: across random carts, cancellations, deliveries and a payout
/// run, the money captured equals what the sellers hold or were paid, the platform's fees, the refunds,
/// the parts still on their way and the shop's own sales — in the sellers' accounts and in the books.
@Suite("Marketplace money adds up")
struct MarketplaceMoneyTests {
    /// SplitMix64, so a failing seed can be replayed.
    struct Dice: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    @Test(
        "captured = sellers' balances and payouts + fees + refunds + parts in flight + the shop's own",
        arguments: TestBackend.allCases, [7, 2026])
    func everyCent(backend: TestBackend, seed: Int) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await MarketplaceOrderTests.market(retroUnits: 50, on: platform)
            env.clock.advance(by: 60)
            var dice = Dice(state: UInt64(seed))
            let offers = [market.nordicTee, market.fikaMug, market.retroTee]
            for offer in offers {
                _ = try await platform.database.inTransaction { db in
                    try await platform.sellers.updateOffer(
                        offer.id, of: offer.sellerID, SellerOfferChanges(quantity: 100), by: TestMarketplace.actor,
                        on: db)
                }
            }
            var orders: [Order] = []
            for index in 0..<8 {
                let created = try await ShoppingCarts.create(
                    channel: "web", currency: .eur, customer: nil, on: platform)
                let access = CartAccess.guest(token: try #require(created.guestToken))
                let id = created.cart.id
                if Bool.random(using: &dice) {
                    _ = try await ShoppingCarts.addLine(
                        variant: market.shop.mug.rawValue, quantity: Int.random(in: 1...2, using: &dice), to: id,
                        access: access, on: platform)
                }
                for offer in offers where Bool.random(using: &dice) || offer == offers[index % 3] {
                    _ = try await ShoppingCarts.addLine(
                        variant: offer.variantID, offer: offer.id.rawValue, quantity: 1, to: id, access: access,
                        on: platform)
                }
                _ = try await ShoppingCarts.setContact(
                    email: "buyer\(index)@example.com", phone: nil, in: id, access: access, on: platform)
                _ = try await ShoppingCarts.setAddresses(
                    shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
                _ = try await ShoppingCarts.setDelivery(
                    .shipping(market.shop.parcel), in: id, access: access, on: platform)
                let outcome = try await OrderPlacement.checkOut(
                    id, access: access, key: "money-\(index)", payment: .card(number: TestCard.approves),
                    on: platform)
                #expect(outcome.order.status == .paid)
                orders.append(outcome.order)
            }
            // Each seller's part: cancelled by its seller, delivered, shipped only, or left open.
            let actor = AuditActor(kind: "seller_user", id: "susr_money")
            for order in orders {
                let parts = try await platform.database.read { db in
                    try await platform.orders.subOrders(of: order.id, on: db)
                }
                for part in parts {
                    let seller = try #require(SellerID(part.sellerID))
                    switch Int.random(in: 0...3, using: &dice) {
                    case 0:
                        _ = try await SellerOrders.cancel(
                            part.id, seller: seller, reason: "Out of stock", by: actor, on: platform)
                    case 1, 2:
                        _ = try await SellerOrders.ship(
                            part.id, seller: seller, carrier: "DHL",
                            trackingNumber: "JJD\(part.number.filter(\.isNumber))",
                            by: actor, on: platform)
                        if Bool.random(using: &dice) {
                            _ = try await SellerOrders.confirmDelivery(part.id, seller: seller, by: actor, on: platform)
                        }
                    default: break
                    }
                }
            }
            // A payout run once every holdback has passed.
            env.clock.advance(by: Sellers.defaultHoldback + 86_400)
            _ = try await platform.sellers.runPayouts(
                minimum: Money(minorUnits: 1, currency: .eur), at: env.clock.now, runKey: "money",
                by: AuditActor(kind: "system", id: "test"), in: platform.database)

            let placed = orders
            let (captured, refunded, parts, finalOrders) = try await platform.database.read { db in
                var captured: Int64 = 0
                var refunded: Int64 = 0
                var parts: [SubOrder] = []
                var finalOrders: [Order] = []
                for order in placed {
                    for payment in try await platform.payments.payments(forReference: order.id.rawValue, on: db) {
                        captured += payment.capturedAmount.amount
                        refunded += payment.refundedAmount.amount
                    }
                    parts += try await platform.orders.subOrders(of: order.id, on: db)
                    finalOrders.append(try await platform.orders.order(order.id, on: db))
                }
                return (captured, refunded, parts, finalOrders)
            }
            let delivered = parts.filter { $0.status == .delivered }
            let inFlight = parts.filter { $0.status == .open || $0.status == .shipped }
            let cancelled = parts.filter { $0.status == .cancelled }
            #expect(
                refunded == cancelled.reduce(0) { $0 + $1.goods.amount + $1.shipping.amount },
                "a cancelled part is refunded exactly")
            let shopOwn = finalOrders.reduce(Int64(0)) { sum, order in
                sum + order.lines.filter { $0.sellerID == nil }.reduce(0) { $0 + $1.total.amount }
                    + order.delivery.amount(in: .eur).amount
            }
            // The sellers' accounts: what they hold plus what they were paid is exactly their delivered nets.
            var held: Int64 = 0
            var paidOut: Int64 = 0
            for seller in [market.nordic, market.fika, market.retro] {
                let now = env.clock.now
                let (balance, payouts) = try await platform.database.read { db in
                    (
                        try await platform.sellers.balance(of: seller, currency: .eur, at: now, on: db),
                        try await platform.sellers.payouts(of: seller, after: nil, limit: 50, on: db)
                    )
                }
                held += balance.total.amount
                paidOut += payouts.reduce(0) { $0 + $1.amount.amount }
            }
            #expect(held + paidOut == delivered.reduce(0) { $0 + $1.sellerNet.amount })
            let fees = delivered.reduce(Int64(0)) { $0 + $1.fee.amount }
            let flight = inFlight.reduce(Int64(0)) { $0 + $1.sellerNet.amount + $1.fee.amount }
            #expect(captured == held + paidOut + fees + refunded + flight + shopOwn)

            // The books say the same: the platform owes the sellers what is in flight and unpaid, and earned
            // the fees of every part not cancelled.
            try await BookkeepingTests.deliver(platform)
            let books = try await BookkeepingTests.balances(platform)
            let notCancelled = delivered + inFlight
            #expect(
                books[DefaultChart.sellerPayables] ?? 0
                    == -(notCancelled.reduce(0) { $0 + $1.sellerNet.amount } - paidOut))
            #expect(books[DefaultChart.platformFees] ?? 0 == -notCancelled.reduce(0) { $0 + $1.fee.amount })
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }
}
