import Checkout
import Flows
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Merging a guest cart at sign-in")
struct MergeTests {
    static func merge(
        _ platform: Platform, _ guest: CartID, _ access: CartAccess, into customer: String,
        using checkout: Checkout? = nil
    ) async throws -> Cart {
        guard case .guest(let token) = access else { throw CheckoutError.cartNotFound }
        return try await platform.run(checkout) { c, db in
            try await c.mergeGuestCart(guest, token: token, intoCustomer: customer, on: db)
        }
    }

    @Test(
        "quantities add up in the customer's cart and the guest cart is closed for good",
        arguments: TestBackend.allCases)
    func intoExistingCart(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let ann = CartAccess.customer("cus_ann")
            let mine = try await platform.customerCart("cus_ann")
            try await platform.add("var_a", 2, to: mine.id, as: ann)
            let (guestCart, guest) = try await platform.guestCart()
            try await platform.add("var_a", 3, to: guestCart.id, as: guest)
            try await platform.add("var_b", 1, to: guestCart.id, as: guest)
            _ = try await platform.run { c, db in
                try await c.setContact(email: "ann@example.com", phone: nil, in: guestCart.id, access: guest, on: db)
            }

            let merged = try await Self.merge(platform, guestCart.id, guest, into: "cus_ann")
            #expect(merged.id == mine.id)
            #expect(merged.lines.map { "\($0.variantID)×\($0.quantity)" } == ["var_a×5", "var_b×1"])
            #expect(merged.email == "ann@example.com")
            let closed = try await platform.read(guestCart.id, as: guest)
            #expect(closed.status == .merged && closed.mergedInto == mine.id)
            await #expect(throws: CheckoutError.cartNotOpen(.merged)) {
                try await platform.add("var_c", 1, to: guestCart.id, as: guest)
            }
            // A retried sign-in gets the same cart and changes nothing.
            let again = try await Self.merge(platform, guestCart.id, guest, into: "cus_ann")
            #expect(again == merged)
            // Someone else cannot merge it.
            await #expect(throws: CheckoutError.cartNotOpen(.merged)) {
                try await Self.merge(platform, guestCart.id, guest, into: "cus_bob")
            }
            let events = try await platform.events(CartMerged.self)
            #expect(events.map(\.into) == [mine.id])
            #expect(events.map(\.from) == [guestCart.id])
        }
    }

    @Test(
        "merging caps quantities at the line limit and leaves out lines beyond the line count",
        arguments: TestBackend.allCases)
    func withinLimits(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            var checkout = platform.checkout
            checkout.maximumLineQuantity = 10
            checkout.maximumLines = 2
            let limited = checkout
            let ann = CartAccess.customer("cus_ann")
            let mine = try await platform.customerCart("cus_ann")
            try await platform.add("var_a", 8, to: mine.id, as: ann, using: limited)
            let (guestCart, guest) = try await platform.guestCart()
            for variant in ["var_a", "var_b"] {
                try await platform.add(variant, 5, to: guestCart.id, as: guest, using: limited)
            }
            try await platform.add("var_a", 1, to: guestCart.id, as: guest, using: limited)  // var_a×6
            var third = limited
            third.maximumLines = 3
            try await platform.add("var_c", 1, to: guestCart.id, as: guest, using: third)

            let merged = try await Self.merge(platform, guestCart.id, guest, into: "cus_ann", using: limited)
            #expect(merged.lines.map { "\($0.variantID)×\($0.quantity)" } == ["var_a×10", "var_b×5"])
            let event = try #require(try await platform.events(CartMerged.self).first)
            #expect(event.capped == ["var_a"])
            #expect(event.dropped == ["var_c"])
        }
    }

    @Test(
        "without an open cart the customer adopts the guest cart, and its token stops working",
        arguments: TestBackend.allCases)
    func adoption(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (guestCart, guest) = try await platform.guestCart()
            try await platform.add("var_a", 2, to: guestCart.id, as: guest)
            let adopted = try await Self.merge(platform, guestCart.id, guest, into: "cus_ann")
            #expect(adopted.id == guestCart.id)
            #expect(adopted.customerID == "cus_ann" && adopted.status == .open)
            #expect(adopted.lines.map(\.quantity) == [2])
            await #expect(throws: CheckoutError.cartNotFound) { try await platform.read(guestCart.id, as: guest) }
            let active = try await platform.run { c, db in
                try await c.activeCart(ofCustomer: "cus_ann", channel: "web", on: db)
            }
            #expect(active?.id == guestCart.id)
            let event = try #require(try await platform.events(CartMerged.self).first)
            #expect(event.from == guestCart.id && event.into == guestCart.id)
        }
    }

    @Test("a wrong token or a checked-out guest cart cannot be merged", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (guestCart, guest) = try await platform.guestCart()
            await #expect(throws: CheckoutError.cartNotFound) {
                try await Self.merge(platform, guestCart.id, .guest(token: "wrong"), into: "cus_ann")
            }
            try await platform.add("var_a", 1, to: guestCart.id, as: guest)
            _ = try await platform.run { c, db in
                try await c.markCheckedOut(guestCart.id, orderReference: "ord_9", on: db)
            }
            await #expect(throws: CheckoutError.cartAlreadyCheckedOut(orderReference: "ord_9")) {
                try await Self.merge(platform, guestCart.id, guest, into: "cus_ann")
            }
            #expect(try await platform.events(CartMerged.self).isEmpty)
        }
    }
}
