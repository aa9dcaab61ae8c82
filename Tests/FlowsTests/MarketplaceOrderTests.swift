import Checkout
import Flows
import Foundation
import Inventory
import Ledger
import Orders
import Payments
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

/// One cart, one payment, many sellers: the order splits into one sub-order per seller, each seller's
/// stock is taken with the order and given back if it falls through, and every cent the buyer paid is
/// the shop's, a seller's or the platform's fee.
@Suite("Marketplace orders across sellers")
struct MarketplaceOrderTests {
    struct Market {
        var shop: TestShop
        var nordic: SellerID
        var fika: SellerID
        var retro: SellerID
        var nordicTee: SellerOffer
        var fikaMug: SellerOffer
        var retroTee: SellerOffer
    }

    static let seller = AuditActor(kind: "seller_user", id: "susr_test")

    /// Three sellers next to the shop's own stock: Nordic charges 3.95 shipping, Fika 4.95 but nothing from
    /// 20.00, Retro nothing; commission 10 % + 0.30 per item.
    static func market(retroUnits: Int = 1, on platform: Platform) async throws -> Market {
        let shop = try await TestShop.seed(on: platform)
        try await TestMarketplace.setCommission(on: platform)
        let nordic = try await TestMarketplace.approvedSeller("Nordic", shippingFee: 395, on: platform)
        let fika = try await TestMarketplace.approvedSeller("Fika", shippingFee: 495, freeFrom: 2_000, on: platform)
        let retro = try await TestMarketplace.approvedSeller("Retro", shippingFee: nil, on: platform)
        return Market(
            shop: shop, nordic: nordic, fika: fika, retro: retro,
            nordicTee: try await TestMarketplace.offer(
                shop.teeM.rawValue, by: nordic, price: 1_800, quantity: 5, on: platform),
            fikaMug: try await TestMarketplace.offer(
                shop.mug.rawValue, by: fika, price: 1_200, quantity: 3, on: platform),
            retroTee: try await TestMarketplace.offer(
                shop.teeS.rawValue, by: retro, price: 900, quantity: retroUnits, condition: .used, on: platform))
    }

    /// A guest cart: one shop tee, two of Nordic's tees, two of Fika's mugs and Retro's used tee.
    static func cart(
        _ market: Market, delivery: DeliveryChoice? = nil, on platform: Platform
    ) async throws -> (CartID, CartAccess) {
        let created = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: platform)
        let access = CartAccess.guest(token: try #require(created.guestToken))
        let id = created.cart.id
        _ = try await ShoppingCarts.addLine(
            variant: market.shop.teeS.rawValue, quantity: 1, to: id, access: access, on: platform)
        for (offer, quantity) in [(market.nordicTee, 2), (market.fikaMug, 2), (market.retroTee, 1)] {
            _ = try await ShoppingCarts.addLine(
                variant: offer.variantID, offer: offer.id.rawValue, quantity: quantity, to: id, access: access,
                on: platform)
        }
        _ = try await ShoppingCarts.setContact(
            email: "ada@example.com", phone: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(
            delivery ?? .shipping(market.shop.parcel), in: id, access: access, on: platform)
        return (id, access)
    }

    static func offerStock(_ offer: SellerOffer, on platform: Platform) async throws -> Int {
        try await platform.database.read { db in
            try await platform.sellers.offer(offer.id, of: offer.sellerID, on: db).quantity
        }
    }

    @Test(
        "one payment for four parts: a sub-order per seller with its shipping and fee, every cent accounted for",
        arguments: TestBackend.allCases)
    func splitCheckout(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.cart(market, on: platform)
            let view = try await ShoppingCarts.view(cart, access: access, on: platform)
            #expect(view.isReadyForCheckout, "\(view.missing)")
            // Shop: tee 19.99 + parcel 4.90 (its own parcel only: under 50.00). Nordic 2 × 18.00 + 3.95,
            // Fika 2 × 12.00 (free from 20.00), Retro 9.00.
            let quoted = try #require(view.priced?.totals.grandTotal.amount)
            #expect(quoted == 1_999 + 490 + 3_600 + 395 + 2_400 + 900)

            let outcome = try await OrderPlacement.checkOut(
                cart, access: access, key: "split", payment: .card(number: TestCard.approves), on: platform)
            #expect(outcome.order.status == .paid)
            #expect(outcome.payment?.capturedAmount == outcome.order.totals.grandTotal)
            let parts = try await platform.database.read { db in
                try await platform.orders.subOrders(of: outcome.order.id, on: db)
            }
            let bySeller = Dictionary(uniqueKeysWithValues: parts.map { ($0.sellerID, $0) })
            let nordic = try #require(bySeller[market.nordic.rawValue])
            let fika = try #require(bySeller[market.fika.rawValue])
            let retro = try #require(bySeller[market.retro.rawValue])
            #expect(parts.count == 3)
            #expect([nordic.goods.amount, nordic.shipping.amount, nordic.fee.amount] == [3_600, 395, 420])
            #expect([fika.goods.amount, fika.shipping.amount, fika.fee.amount] == [2_400, 0, 300])
            #expect([retro.goods.amount, retro.shipping.amount, retro.fee.amount] == [900, 0, 120])
            #expect(parts.allSatisfy { $0.status == .open && $0.number.hasPrefix(outcome.order.number + "-") })
            for part in parts {
                let lines = outcome.order.lines.filter { part.lineIDs.contains($0.id) }
                #expect(lines.allSatisfy { $0.sellerID == part.sellerID })
            }

            // Every cent: the sellers' nets and fees plus the shop's own lines and parcel are the capture.
            let shopLines = outcome.order.lines.filter { $0.sellerID == nil }
            let shopPart = shopLines.reduce(0) { $0 + $1.total.amount } + 490
            let marketPart = parts.reduce(0) { $0 + $1.sellerNet.amount + $1.fee.amount }
            #expect(shopPart + marketPart == outcome.order.totals.grandTotal.amount)

            // Sellers' stock came from their offers, the shop's from its warehouse.
            #expect(try await Self.offerStock(market.nordicTee, on: platform) == 3)
            #expect(try await Self.offerStock(market.fikaMug, on: platform) == 1)
            #expect(try await Self.offerStock(market.retroTee, on: platform) == 0)
            #expect(try await CheckoutFlowTests.stock("TEE-S", at: market.shop.warehouse, on: platform).onHand == 49)
            #expect(try await CheckoutFlowTests.stock("TEE-M", at: market.shop.warehouse, on: platform).onHand == 50)
            #expect(try await CheckoutFlowTests.stock("MUG", at: market.shop.warehouse, on: platform).onHand == 50)

            // The books: the sellers' money is owed to them, the fees are the platform's revenue, and only
            // the shop's own goods and parcel carry the shop's VAT.
            try await BookkeepingTests.deliver(platform)
            let books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.sellerPayables] == -parts.reduce(0) { $0 + $1.sellerNet.amount })
            #expect(books[DefaultChart.platformFees] == -840)
            let shopVAT = shopLines.reduce(0) { $0 + $1.tax.amount } + outcome.order.delivery.tax(in: .eur).amount
            #expect(books[DefaultChart.vatPayable] == -shopVAT)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a seller ships and confirms delivery of their part only; the sale and fee reach their balance once",
        arguments: TestBackend.allCases)
    func sellerFulfilment(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.cart(market, on: platform)
            let order = try await OrderPlacement.checkOut(
                cart, access: access, key: "ship", payment: .card(number: TestCard.approves), on: platform
            ).order
            let listed = try await SellerOrders.list(
                seller: market.nordic, status: nil, after: nil, limit: 50, on: platform)
            let part = try #require(listed.first)
            #expect(listed.count == 1)

            // Another seller cannot see, ship or confirm it.
            await #expect(throws: OrdersError.subOrderNotFound) {
                _ = try await SellerOrders.view(part.id, seller: market.fika, on: platform)
            }
            await #expect(throws: OrdersError.subOrderNotFound) {
                _ = try await SellerOrders.ship(
                    part.id, seller: market.fika, carrier: "DHL", trackingNumber: "JJD000111", by: Self.seller,
                    on: platform)
            }
            let seen = try await SellerOrders.view(part.id, seller: market.nordic, on: platform)
            #expect(seen.lines.map(\.sellerID) == [market.nordic.rawValue])
            #expect(seen.shippingAddress?.city == TestShop.address.city)

            let shipped = try await SellerOrders.ship(
                part.id, seller: market.nordic, carrier: "DHL", trackingNumber: "JJD000111", by: Self.seller,
                on: platform)
            #expect(shipped.subOrder.status == .shipped)
            #expect(shipped.fulfilments.map(\.trackingNumber) == ["JJD000111"])
            await #expect(throws: SellerOrderError.alreadyMoved(.shipped)) {
                _ = try await SellerOrders.ship(
                    part.id, seller: market.nordic, carrier: "DHL", trackingNumber: "JJD000222", by: Self.seller,
                    on: platform)
            }
            let after = try await platform.database.read { db in try await platform.orders.order(order.id, on: db) }
            #expect(after.status == .partiallyFulfilled)

            env.clock.advance(by: 86_400)
            let delivered = try await SellerOrders.confirmDelivery(
                part.id, seller: market.nordic, by: Self.seller, on: platform)
            _ = try await SellerOrders.confirmDelivery(part.id, seller: market.nordic, by: Self.seller, on: platform)
            #expect(delivered.subOrder.status == .delivered)
            let now = env.clock.now
            let balance = try await platform.database.read { db in
                try await platform.sellers.balance(of: market.nordic, currency: .eur, at: now, on: db)
            }
            // The sale (goods and shipping) waits for the holdback; the fee counts at once.
            #expect(balance.total.amount == 3_600 + 395 - 420)
            #expect(balance.pending.amount == 3_995)
            let later = try await platform.database.read { db in
                try await platform.sellers.balance(
                    of: market.nordic, currency: .eur, at: now.addingTimeInterval(Sellers.defaultHoldback + 1), on: db)
            }
            #expect(later.available.amount == 3_575)
            // Other sellers' balances are untouched until their own parts are delivered.
            let fika = try await platform.database.read { db in
                try await platform.sellers.balance(of: market.fika, currency: .eur, at: now, on: db)
            }
            #expect(fika.total.isZero)
        }
    }

    @Test(
        "six buyers race for a seller's last unit: one order, the others refused, none oversold",
        arguments: TestBackend.allCases)
    func lastUnitRace(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(retroUnits: 1, on: platform)
            env.clock.advance(by: 60)
            var carts: [(CartID, CartAccess)] = []
            for _ in 0..<6 { carts.append(try await Self.cart(market, on: platform)) }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for (cart, access) in carts {
                    group.addTask {
                        do {
                            _ = try await OrderPlacement.checkOut(
                                cart, access: access, key: "race", payment: .card(number: TestCard.approves),
                                on: platform)
                            return true
                        } catch CheckoutFlowError.notReady(let problems) {
                            return problems.contains { $0.code == "out_of_stock" } ? false : true
                        } catch {
                            return true
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await Self.offerStock(market.retroTee, on: platform) == 0)
            // The refused checkouts took nothing: Nordic sold two tees once, not six times.
            #expect(try await Self.offerStock(market.nordicTee, on: platform) == 3)
        }
    }

    @Test(
        "a cart of sellers' items alone owes the shop no shipping, only the sellers'", arguments: TestBackend.allCases)
    func sellersOnly(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(on: platform)
            env.clock.advance(by: 60)
            let created = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: platform)
            let access = CartAccess.guest(token: try #require(created.guestToken))
            let id = created.cart.id
            _ = try await ShoppingCarts.addLine(
                variant: market.nordicTee.variantID, offer: market.nordicTee.id.rawValue, quantity: 1, to: id,
                access: access, on: platform)
            _ = try await ShoppingCarts.setContact(
                email: "ada@example.com", phone: nil, in: id, access: access, on: platform)
            _ = try await ShoppingCarts.setAddresses(
                shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
            _ = try await ShoppingCarts.setDelivery(.shipping(market.shop.parcel), in: id, access: access, on: platform)
            let outcome = try await OrderPlacement.checkOut(
                id, access: access, key: "sellers-only", payment: .card(number: TestCard.approves), on: platform)
            #expect(outcome.order.status == .paid)
            #expect(outcome.order.totals.grandTotal.amount == 1_800 + 395)
            #expect(outcome.order.delivery.amount(in: .eur).isZero)
            #expect(outcome.order.stockReservationID == nil)
            try await BookkeepingTests.deliver(platform)
            let books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.sellerPayables] == -(1_800 + 395 - 210))
            #expect((books[DefaultChart.vatPayable] ?? 0) == 0)
        }
    }

    @Test(
        "a seller cancels its unshipped part: the buyer gets that part back, the rest goes ahead, the books follow",
        arguments: TestBackend.allCases)
    func sellerCancels(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.cart(market, on: platform)
            let order = try await OrderPlacement.checkOut(
                cart, access: access, key: "cancel-part", payment: .card(number: TestCard.approves), on: platform
            ).order
            let parts = try await platform.database.read { db in
                try await platform.orders.subOrders(of: order.id, on: db)
            }
            let fika = try #require(parts.first { $0.sellerID == market.fika.rawValue })
            let nordic = try #require(parts.first { $0.sellerID == market.nordic.rawValue })

            // Another seller cannot cancel Fika's part, and a shipped part cannot be cancelled.
            await #expect(throws: OrdersError.subOrderNotFound) {
                _ = try await SellerOrders.cancel(
                    fika.id, seller: market.nordic, reason: "not mine", by: Self.seller, on: platform)
            }
            _ = try await SellerOrders.ship(
                nordic.id, seller: market.nordic, carrier: "DHL", trackingNumber: "JJD000333", by: Self.seller,
                on: platform)
            await #expect(throws: SellerOrderError.alreadyMoved(.shipped)) {
                _ = try await SellerOrders.cancel(
                    nordic.id, seller: market.nordic, reason: "changed my mind", by: Self.seller, on: platform)
            }

            let cancelled = try await SellerOrders.cancel(
                fika.id, seller: market.fika, reason: "The mugs broke in storage", by: Self.seller, on: platform)
            #expect(cancelled.subOrder.status == .cancelled)
            #expect(cancelled.lines.allSatisfy { $0.cancelledQuantity == $0.quantity })
            let after = try await platform.database.read { db in try await platform.orders.order(order.id, on: db) }
            #expect(after.status == .partiallyFulfilled)
            #expect(after.refundedTotal.amount == 2_400)
            #expect(try await Self.offerStock(market.fikaMug, on: platform) == 3)
            await #expect(throws: SellerOrderError.alreadyMoved(.cancelled)) {
                _ = try await SellerOrders.cancel(
                    fika.id, seller: market.fika, reason: "again", by: Self.seller, on: platform)
            }

            // The books: Fika's part is no longer owed, its fee no longer earned; the shop's VAT is untouched.
            try await BookkeepingTests.deliver(platform)
            let books = try await BookkeepingTests.balances(platform)
            let stillOwed = parts.filter { $0.id != fika.id }
            #expect(books[DefaultChart.sellerPayables] == -stillOwed.reduce(0) { $0 + $1.sellerNet.amount })
            #expect(books[DefaultChart.platformFees] == -stillOwed.reduce(0) { $0 + $1.fee.amount })
            #expect((books[DefaultChart.refunds] ?? 0) == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "a returned seller's item is refunded from the seller's account, the fee on it given back, and booked so",
        arguments: TestBackend.allCases)
    func sellerReturn(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(on: platform)
            env.clock.advance(by: 60)
            // Two of Nordic's tees alone: returns open once the whole order has shipped.
            let created = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: platform)
            let access = CartAccess.guest(token: try #require(created.guestToken))
            let cart = created.cart.id
            _ = try await ShoppingCarts.addLine(
                variant: market.nordicTee.variantID, offer: market.nordicTee.id.rawValue, quantity: 2, to: cart,
                access: access, on: platform)
            _ = try await ShoppingCarts.setContact(
                email: "ada@example.com", phone: nil, in: cart, access: access, on: platform)
            _ = try await ShoppingCarts.setAddresses(
                shipping: TestShop.address, billing: nil, in: cart, access: access, on: platform)
            _ = try await ShoppingCarts.setDelivery(
                .shipping(market.shop.parcel), in: cart, access: access, on: platform)
            let order = try await OrderPlacement.checkOut(
                cart, access: access, key: "return", payment: .card(number: TestCard.approves), on: platform
            ).order
            let nordic = try #require(
                try await SellerOrders.list(seller: market.nordic, status: nil, after: nil, limit: 5, on: platform)
                    .first)
            _ = try await SellerOrders.ship(
                nordic.id, seller: market.nordic, carrier: "DHL", trackingNumber: "JJD000444", by: Self.seller,
                on: platform)
            _ = try await SellerOrders.confirmDelivery(nordic.id, seller: market.nordic, by: Self.seller, on: platform)
            let staff = AuditActor(kind: "staff", id: "stf_returns")
            let tee = try #require(order.lines.first { $0.sellerID == market.nordic.rawValue })
            let approved = try await platform.database.inTransaction { db in
                let requested = try await platform.orders.requestReturn(
                    order.id, lines: [(tee.id, 1, "Too small")], by: .staff(staff), on: db)
                let approved = try await platform.orders.approveReturn(requested.id, by: staff, on: db)
                return try await platform.orders.receiveReturn(approved.id, by: staff, on: db)
            }
            let refunded = try await AfterSale.refundReturn(
                approved.id, includeShipping: false, by: staff, on: platform)
            #expect(refunded.status == .refunded)
            #expect(refunded.refundedAmount?.amount == 1_800)
            // Retrying the refund neither refunds nor charges the seller again.
            _ = try await AfterSale.refundReturn(approved.id, includeShipping: false, by: staff, on: platform)
            let after = try await platform.database.read { db in try await platform.orders.order(order.id, on: db) }
            #expect(after.refundedTotal.amount == 1_800)

            // Nordic: sale 3,995 − fee 420, then −18.00 for the return and +1.80 + … of the fee back (10 % of
            // 36.00 plus 0.60 on two items is 4.20; half the goods came back, so 2.10).
            let now = env.clock.now
            let balance = try await platform.database.read { db in
                try await platform.sellers.balance(of: market.nordic, currency: .eur, at: now, on: db)
            }
            #expect(balance.total.amount == 3_995 - 420 - 1_800 + 210)
            try await BookkeepingTests.deliver(platform)
            let books = try await BookkeepingTests.balances(platform)
            let parts = try await platform.database.read { db in
                try await platform.orders.subOrders(of: order.id, on: db)
            }
            #expect(
                books[DefaultChart.sellerPayables] == -(parts.reduce(0) { $0 + $1.sellerNet.amount } - (1_800 - 210)))
            #expect(books[DefaultChart.platformFees] == -(parts.reduce(0) { $0 + $1.fee.amount } - 210))
            #expect((books[DefaultChart.refunds] ?? 0) == 0, "the shop refunded none of its own sales")
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test("a declined card cancels the order and gives every seller their units back", arguments: TestBackend.allCases)
    func declinedGivesStockBack(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.cart(market, on: platform)
            let outcome = try await OrderPlacement.checkOut(
                cart, access: access, key: "declined", payment: .card(number: TestCard.declines), on: platform)
            #expect(outcome.order.status == .cancelled)
            let parts = try await platform.database.read { db in
                try await platform.orders.subOrders(of: outcome.order.id, on: db)
            }
            #expect(parts.count == 3 && parts.allSatisfy { $0.status == .cancelled })
            #expect(try await Self.offerStock(market.nordicTee, on: platform) == 5)
            #expect(try await Self.offerStock(market.fikaMug, on: platform) == 3)
            #expect(try await Self.offerStock(market.retroTee, on: platform) == 1)

            // The cart is the shopper's again, and a second card pays: the units are taken again, once.
            let retried = try await OrderPlacement.checkOut(
                cart, access: access, key: "again", payment: .card(number: TestCard.approves), on: platform)
            #expect(retried.order.status == .paid)
            #expect(try await Self.offerStock(market.nordicTee, on: platform) == 3)
        }
    }

    @Test(
        "sellers' items cannot be collected in store, and a paused offer cannot be bought",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let market = try await Self.market(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.cart(
                market, delivery: .pickup(locationID: market.shop.store.rawValue), on: platform)
            let view = try await ShoppingCarts.view(cart, access: access, on: platform)
            #expect(view.missing.contains { $0.pointer == "/delivery" && $0.code == "pickup_unavailable" })

            // The offer's variant must be the line's, and a seller's price is never the client's.
            await #expect(throws: ValidationError.self) {
                _ = try await ShoppingCarts.addLine(
                    variant: market.shop.mug.rawValue, offer: market.nordicTee.id.rawValue, quantity: 1, to: cart,
                    access: access, on: platform)
            }
            _ = try await platform.database.inTransaction { db in
                try await platform.sellers.updateOffer(
                    market.fikaMug.id, of: market.fika, SellerOfferChanges(status: .paused), by: TestMarketplace.actor,
                    on: db)
            }
            let paused = try await ShoppingCarts.view(cart, access: access, on: platform)
            #expect(paused.missing.contains { $0.code == "offer_not_for_sale" })
        }
    }
}
