import Checkout
import Flows
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Many requests at once against one cart, each in its own transaction. No update may be lost and no
/// limit overrun, on SQLite (single writer) and PostgreSQL (row lock + upsert under READ COMMITTED).
@Suite("Cart concurrency")
struct CartConcurrencyTests {
    /// Runs `count` attempts concurrently; returns how many succeeded and the refusals of the rest.
    static func race(
        _ count: Int, _ attempt: @escaping @Sendable (Int) async throws -> Void
    ) async throws -> (succeeded: Int, refusals: [CheckoutError]) {
        try await withThrowingTaskGroup(of: CheckoutError?.self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await attempt(index)
                        return nil
                    } catch let error as CheckoutError {
                        return error
                    }
                }
            }
            var succeeded = 0
            var refusals: [CheckoutError] = []
            for try await result in group {
                if let result { refusals.append(result) } else { succeeded += 1 }
            }
            return (succeeded, refusals)
        }
    }

    @Test(
        "40 concurrent adds of one unit of the same variant make a line of exactly 40", arguments: TestBackend.allCases)
    func noLostAdds(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            let outcome = try await Self.race(40) { _ in try await platform.add("var_hot", 1, to: cart.id, as: guest) }
            #expect(outcome.succeeded == 40)
            let final = try await platform.read(cart.id)
            #expect(final.lines.count == 1)
            #expect(final.lines.first?.quantity == 40)
        }
    }

    @Test(
        "concurrent adds never pass the quantity limit: 20 × 100 against 999 keeps 9", arguments: TestBackend.allCases)
    func quantityLimitUnderContention(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            let outcome = try await Self.race(20) { _ in try await platform.add("var_hot", 100, to: cart.id, as: guest)
            }
            #expect(outcome.succeeded == 9)
            #expect(outcome.refusals == Array(repeating: .quantityLimitExceeded(maximum: 999), count: 11))
            #expect(try await platform.read(cart.id).lines.first?.quantity == 900)
        }
    }

    @Test("concurrent adds of different variants never pass the line limit", arguments: TestBackend.allCases)
    func lineLimitUnderContention(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            var checkout = platform.checkout
            checkout.maximumLines = 10
            let limited = checkout
            let cart = try await platform.customerCart("cus_ann")
            let outcome = try await Self.race(30) { index in
                try await platform.add("var_\(index)", 1, to: cart.id, as: .customer("cus_ann"), using: limited)
            }
            #expect(outcome.succeeded == 10)
            #expect(outcome.refusals == Array(repeating: .tooManyLines(maximum: 10), count: 20))
            #expect(try await platform.read(cart.id).lines.count == 10)
        }
    }

    @Test(
        "of 12 concurrent checkouts of one cart exactly one wins; the rest learn its order",
        arguments: TestBackend.allCases)
    func checkOutOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            try await platform.add("var_a", 1, to: cart.id, as: guest)
            let outcome = try await Self.race(12) { index in
                _ = try await platform.run { c, db in
                    try await c.markCheckedOut(cart.id, orderReference: "ord_\(index)", on: db)
                }
            }
            #expect(outcome.succeeded == 1)
            let winner = try #require(try await platform.read(cart.id).orderReference)
            #expect(outcome.refusals == Array(repeating: .cartAlreadyCheckedOut(orderReference: winner), count: 11))
            #expect(try await platform.events(CartCheckedOut.self).map(\.orderReference) == [winner])
        }
    }

    @Test(
        "a checkout racing adds records exactly the lines the cart ends with", arguments: TestBackend.allCases)
    func checkoutRacingAdds(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            try await platform.add("var_first", 1, to: cart.id, as: guest)
            let outcome = try await Self.race(21) { index in
                if index == 10 {
                    _ = try await platform.run { c, db in
                        try await c.markCheckedOut(cart.id, orderReference: "ord_race", on: db)
                    }
                } else {
                    try await platform.add("var_\(index % 4)", 1, to: cart.id, as: guest)
                }
            }
            // Every add either made it into the checked-out cart or was refused as too late.
            #expect(outcome.refusals.allSatisfy { $0 == .cartAlreadyCheckedOut(orderReference: "ord_race") })
            let final = try await platform.read(cart.id)
            let event = try #require(try await platform.events(CartCheckedOut.self).first)
            #expect(event.lines.map(\.quantity) == final.lines.map(\.quantity))
            #expect(event.lines.map(\.variantID) == final.lines.map(\.variantID))
            #expect(final.itemCount == 1 + (outcome.succeeded - 1))
        }
    }

    @Test("merging one guest cart from several sign-ins at once adds its lines once", arguments: TestBackend.allCases)
    func concurrentMerges(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let mine = try await platform.customerCart("cus_ann")
            try await platform.add("var_a", 1, to: mine.id, as: .customer("cus_ann"))
            let (guestCart, guest) = try await platform.guestCart()
            try await platform.add("var_a", 2, to: guestCart.id, as: guest)
            guard case .guest(let token) = guest else { return }
            let outcome = try await Self.race(6) { _ in
                let merged = try await platform.run { c, db in
                    try await c.mergeGuestCart(guestCart.id, token: token, intoCustomer: "cus_ann", on: db)
                }
                #expect(merged.id == mine.id)
            }
            #expect(outcome.succeeded == 6)
            #expect(try await platform.read(mine.id).lines.map(\.quantity) == [3])
            #expect(try await platform.events(CartMerged.self).count == 1)
        }
    }

    @Test("concurrent first visits of one customer converge on one cart", arguments: TestBackend.allCases)
    func oneCartPerCustomer(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let ids = IDs()
            let outcome = try await Self.race(10) { _ in
                let cart = try await platform.customerCart("cus_ann")
                await ids.insert(cart.id)
            }
            #expect(outcome.succeeded == 10)
            #expect(await ids.all.count == 1)
            #expect(try await platform.events(CartCreated.self).count == 1)
        }
    }

    actor IDs {
        var all: Set<CartID> = []
        func insert(_ id: CartID) { all.insert(id) }
    }
}
