import Catalog
import Checkout
import Flows
import Foundation
import Inventory
import Orders
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Checkout across modules")
struct CheckoutFlowTests {
    /// A guest cart with `quantity` tees (size S) and a mug, addressed to Malmö, shipped by parcel.
    static func readyCart(
        _ shop: TestShop, tees: Int = 2, mugs: Int = 1, delivery: DeliveryChoice? = nil, on platform: Platform
    ) async throws -> (CartID, CartAccess) {
        let created = try await ShoppingCarts.create(
            channel: "web", currency: Currency(code: "EUR")!, customer: nil, on: platform)
        let access = CartAccess.guest(token: try #require(created.guestToken))
        let id = created.cart.id
        if tees > 0 {
            _ = try await ShoppingCarts.addLine(
                variant: shop.teeS.rawValue, quantity: tees, to: id, access: access, on: platform)
        }
        if mugs > 0 {
            _ = try await ShoppingCarts.addLine(
                variant: shop.mug.rawValue, quantity: mugs, to: id, access: access, on: platform)
        }
        _ = try await ShoppingCarts.setContact(
            email: "ada@example.com", phone: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(
            delivery ?? .shipping(shop.parcel), in: id, access: access, on: platform)
        return (id, access)
    }

    static func stock(_ sku: String, at location: StockLocationID, on platform: Platform) async throws -> StockLevel {
        try await platform.database.read { db in try await platform.inventory.stockLevel(of: sku, at: location, on: db)
        }
    }

    @Test(
        "a guest pays by card: the order is paid, the total is what the cart showed, stock is sold",
        arguments: TestBackend.allCases)
    func cardCheckout(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.readyCart(shop, on: platform)

            let view = try await ShoppingCarts.view(cart, access: access, on: platform)
            #expect(view.isReadyForCheckout, "\(view.missing)")
            let total = try #require(view.priced?.totals)
            // 2 × 19.99 + 9.00 = 48.98, under the 50.00 free-shipping threshold: parcel 4.90.
            #expect(total.subtotal.amount == 4898)
            #expect(total.shipping.amount == 490)
            #expect(total.grandTotal.amount == 5388)

            let outcome = try await OrderPlacement.checkOut(
                cart, access: access, key: "k1", payment: .card(number: TestCard.approves), on: platform)
            #expect(outcome.order.status == .paid)
            #expect(outcome.payment?.status == .captured)
            #expect(outcome.payment?.capturedAmount == total.grandTotal)
            #expect(outcome.order.totals.grandTotal == total.grandTotal)
            #expect(outcome.order.number.hasPrefix("T-"))

            let tee = try await Self.stock("TEE-S", at: shop.warehouse, on: platform)
            #expect(tee.onHand == 48)
            #expect(tee.reserved == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            // The cart is an order now: it refuses changes, and another key cannot check it out again.
            await #expect(throws: CheckoutError.self) {
                _ = try await ShoppingCarts.addLine(
                    variant: shop.mug.rawValue, quantity: 1, to: cart, access: access, on: platform)
            }
            await #expect(throws: CheckoutError.self) {
                _ = try await OrderPlacement.checkOut(
                    cart, access: access, key: "k2", payment: .card(number: TestCard.approves), on: platform)
            }
        }
    }

    @Test(
        "a retried checkout — in sequence or all at once — places one order and charges once",
        arguments: TestBackend.allCases)
    func idempotentCheckout(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.readyCart(shop, on: platform)

            let orders = try await withThrowingTaskGroup(of: OrderID.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await OrderPlacement.checkOut(
                            cart, access: access, key: "same-key", payment: .card(number: TestCard.approves),
                            on: platform
                        ).order.id
                    }
                }
                return try await group.reduce(into: Set<OrderID>()) { $0.insert($1) }
            }
            #expect(orders.count == 1)
            let again = try await OrderPlacement.checkOut(
                cart, access: access, key: "same-key", payment: .card(number: TestCard.approves), on: platform)
            #expect(again.isNew == false)
            #expect(orders.contains(again.order.id))
            let payments = try await platform.database.read { db in
                try await platform.payments.payments(forReference: again.order.id.rawValue, on: db)
            }
            #expect(payments.count == 1)
            #expect(payments.first?.status == .captured)
            #expect(try await Self.stock("TEE-S", at: shop.warehouse, on: platform).onHand == 48)
        }
    }

    @Test("200 shoppers rush 50 tees: exactly 50 orders, stock 0, nothing oversold", arguments: TestBackend.allCases)
    func rush(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(stock: 50, on: platform)
            env.clock.advance(by: 60)
            var carts: [(CartID, CartAccess)] = []
            for _ in 0..<200 { carts.append(try await Self.readyCart(shop, tees: 1, mugs: 0, on: platform)) }

            let results = await withTaskGroup(of: Result<Order, any Error>.self) { group in
                for (cart, access) in carts {
                    group.addTask {
                        do {
                            return .success(
                                try await OrderPlacement.checkOut(
                                    cart, access: access, key: "rush", payment: .card(number: TestCard.approves),
                                    on: platform
                                ).order)
                        } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: [Result<Order, any Error>]()) { $0.append($1) }
            }
            let sold = results.compactMap { try? $0.get() }
            let refusals = results.compactMap { result -> String? in
                guard case .failure(let error) = result else { return nil }
                return (error as? any DomainError)?.code ?? "\(error)"
            }
            #expect(sold.count == 50)
            #expect(sold.allSatisfy { $0.status == .paid })
            #expect(Set(refusals) == ["out_of_stock"])
            let tee = try await Self.stock("TEE-S", at: shop.warehouse, on: platform)
            #expect(tee.onHand == 0)
            #expect(tee.reserved == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test("a declined card cancels the order, frees the stock and gives the cart back", arguments: TestBackend.allCases)
    func declinedThenRetried(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.readyCart(shop, on: platform)

            let declined = try await OrderPlacement.checkOut(
                cart, access: access, key: "first", payment: .card(number: TestCard.declines), on: platform)
            #expect(declined.payment?.status == .failed)
            #expect(declined.order.status == .cancelled)
            let tee = try await Self.stock("TEE-S", at: shop.warehouse, on: platform)
            #expect(tee.onHand == 50)
            #expect(tee.reserved == 0)

            let paid = try await OrderPlacement.checkOut(
                cart, access: access, key: "second", payment: .card(number: TestCard.approves), on: platform)
            #expect(paid.order.status == .paid)
            #expect(paid.order.id != declined.order.id)
            #expect(try await Self.stock("TEE-S", at: shop.warehouse, on: platform).onHand == 48)
        }
    }

    @Test(
        "3-D Secure: the order waits, and duplicate, out-of-order webhooks pay it exactly once",
        arguments: TestBackend.allCases)
    func challengeAndWebhooks(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.readyCart(shop, on: platform)

            let pending = try await OrderPlacement.checkOut(
                cart, access: access, key: "3ds", payment: .card(number: TestCard.requiresChallenge), on: platform)
            #expect(pending.payment?.status == .requiresAction)
            #expect(pending.order.status == .placed)
            #expect(try await Self.stock("TEE-S", at: shop.warehouse, on: platform).reserved == 2)

            let reference = try #require(pending.payment?.providerReference)
            #expect(await platform.testCards.completeChallenge(reference, approve: true))
            let webhooks = await platform.testCards.drainWebhooks()
            #expect(!webhooks.isEmpty)
            // Delivered twice, newest first: applied once, the rest duplicates or stale.
            var applied = 0
            for webhook in webhooks.reversed() + webhooks {
                let application = try await PaymentWebhooks.receive(
                    provider: "test_card", headers: webhook.headers, body: webhook.body, on: platform)
                if case .applied = application { applied += 1 }
            }
            #expect(applied == webhooks.count)
            let details = try await OrderDetails.load(pending.order.id, on: platform)
            #expect(details.order.status == .paid)
            #expect(details.payments.count == 1)
            #expect(details.payments.first?.status == .captured)
            #expect(details.payments.first?.capturedAmount == pending.order.totals.grandTotal)
            let tee = try await Self.stock("TEE-S", at: shop.warehouse, on: platform)
            #expect(tee.onHand == 48)
            #expect(tee.reserved == 0)

            // A forged webhook changes nothing.
            var forged = try #require(webhooks.first)
            forged = SignedWebhook(headers: forged.headers, body: Array("{\"forged\":true}".utf8))
            await #expect(throws: PaymentError.self) {
                _ = try await PaymentWebhooks.receive(
                    provider: "test_card", headers: forged.headers, body: forged.body, on: platform)
            }
        }
    }

    @Test(
        "a timeout after the charge is reconciled into a paid order, never charged twice",
        arguments: TestBackend.allCases)
    func timeoutReconciled(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await Self.readyCart(shop, on: platform)

            let unknown = try await OrderPlacement.checkOut(
                cart, access: access, key: "slow", payment: .card(number: TestCard.timesOutAfterCharge), on: platform)
            #expect(unknown.payment?.status == .unknown)
            #expect(unknown.order.status == .placed)

            env.clock.advance(by: 120)
            let worker = JobWorker(
                database: platform.database, queue: platform.jobs,
                handlers: [PaymentWebhooks.reconcileJob(on: platform)])
            _ = try await worker.runDue()
            let details = try await OrderDetails.load(unknown.order.id, on: platform)
            #expect(details.order.status == .paid)
            #expect(details.payments.first?.status == .captured)
            #expect(try await Self.stock("TEE-S", at: shop.warehouse, on: platform).onHand == 48)
        }
    }
}

@Suite("Unpaid orders")
struct UnpaidOrderTests {
    @Test(
        "an abandoned 3-D Secure checkout is cancelled when its hold expires; a late approval is voided",
        arguments: TestBackend.allCases)
    func abandonedChallenge(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let (cart, access) = try await CheckoutFlowTests.readyCart(shop, on: platform)
            let pending = try await OrderPlacement.checkOut(
                cart, access: access, key: "3ds", payment: .card(number: TestCard.requiresChallenge), on: platform)
            #expect(pending.order.status == .placed)

            // Not yet due: nothing happens.
            #expect(try await OrderPayments.expireUnpaid(on: platform).isEmpty)
            env.clock.advance(by: OrderPlacement.holdDuration + 60)
            _ = try await platform.database.inTransaction { db in
                try await platform.inventory.expireReservations(now: platform.clock.now(), on: db)
            }
            #expect(try await OrderPayments.expireUnpaid(on: platform) == [pending.order.id])
            let tee = try await CheckoutFlowTests.stock("TEE-S", at: shop.warehouse, on: platform)
            #expect(tee.onHand == 50)
            #expect(tee.reserved == 0)

            // The shopper passes the challenge after all: the money is not taken for a cancelled order.
            let reference = try #require(pending.payment?.providerReference)
            #expect(await platform.testCards.completeChallenge(reference, approve: true))
            for webhook in await platform.testCards.drainWebhooks() {
                _ = try await PaymentWebhooks.receive(
                    provider: "test_card", headers: webhook.headers, body: webhook.body, on: platform)
            }
            let details = try await OrderDetails.load(pending.order.id, on: platform)
            #expect(details.order.status == .cancelled)
            #expect(details.payments.first?.status == .voided)
            #expect(details.payments.first?.capturedAmount.amount == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }
}
