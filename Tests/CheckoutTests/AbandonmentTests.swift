import Checkout
import Flows
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Abandoned guest carts")
struct AbandonmentTests {
    @Test(
        "idle guest carts are closed once, with an event; recent and customer carts stay open",
        arguments: TestBackend.allCases)
    func sweep(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (idle, idleAccess) = try await platform.guestCart()
            try await platform.add("var_a", 2, to: idle.id, as: idleAccess)
            _ = try await platform.run { c, db in
                try await c.setContact(
                    email: "shopper@example.com", phone: nil, in: idle.id, access: idleAccess, on: db)
            }
            let customer = try await platform.customerCart("cus_ann")
            env.clock.advance(by: platform.checkout.guestCartLifetime - 10)
            let (recent, recentAccess) = try await platform.guestCart()
            env.clock.advance(by: 20)

            let closed = try await platform.run { c, db in
                try await c.abandonIdleGuestCarts(now: env.clock.now, limit: 10, on: db)
            }
            #expect(closed == [idle.id])
            #expect(try await platform.read(idle.id).status == .abandoned)
            #expect(try await platform.read(recent.id).status == .open)
            #expect(try await platform.read(customer.id).status == .open)
            await #expect(throws: CheckoutError.cartNotOpen(.abandoned)) {
                try await platform.add("var_b", 1, to: idle.id, as: idleAccess)
            }
            try await platform.add("var_b", 1, to: recent.id, as: recentAccess)
            let again = try await platform.run { c, db in
                try await c.abandonIdleGuestCarts(now: env.clock.now, limit: 10, on: db)
            }
            #expect(again.isEmpty)
            let events = try await platform.events(CartAbandoned.self)
            #expect(events.map(\.cartID) == [idle.id])
            #expect(events.first?.email == "shopper@example.com")
            #expect(events.first?.lines.map(\.quantity) == [2])
        }
    }

    @Test("scheduling the sweep twice in one slot queues one job", arguments: TestBackend.allCases)
    func scheduling(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            try await platform.run { c, db in
                try await c.scheduleAbandonment(on: db)
                try await c.scheduleAbandonment(on: db)
            }
            let queued = try await env.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: Checkout.abandonGuestCartsJob)")
                    .first(decodingColumn: "n", as: Int.self)
            }
            #expect(queued == 1)
        }
    }
}
