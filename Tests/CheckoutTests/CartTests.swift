import Checkout
import Flows
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Carts")
struct CartTests {
    @Test(
        "a guest cart is reachable only with its token or as staff; anyone else finds nothing",
        arguments: TestBackend.allCases)
    func guestAccess(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            #expect(cart.status == .open && cart.isGuest && cart.lines.isEmpty && cart.currency == .eur)
            #expect(try await platform.read(cart.id, as: guest).id == cart.id)
            #expect(try await platform.read(cart.id, as: .staff).id == cart.id)
            for stranger in [CartAccess.guest(token: "guessed"), .customer("cus_x"), .guest(token: "")] {
                await #expect(throws: CheckoutError.cartNotFound) { try await platform.read(cart.id, as: stranger) }
                await #expect(throws: CheckoutError.cartNotFound) {
                    try await platform.add("var_a", 1, to: cart.id, as: stranger)
                }
            }
            // Only the token's SHA-256 is stored.
            guard case .guest(let token) = guest else { return }
            let stored = try await env.database.read { db in
                try await db.raw("SELECT guest_token_hash FROM checkout_carts").all(
                    decodingColumn: "guest_token_hash", as: String.self)
            }
            #expect(stored.count == 1 && stored[0] != token && stored[0].count == 64)
            #expect(token.count >= 43)
            #expect(try await platform.events(CartCreated.self).map(\.cartID) == [cart.id])
        }
    }

    @Test("a missing cart and someone else's cart answer alike", arguments: TestBackend.allCases)
    func customerAccess(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let cart = try await platform.customerCart("cus_ann")
            #expect(cart.customerID == "cus_ann")
            let (_, guest) = try await platform.guestCart()
            let missing = CartID.generate(env.ids, at: env.clock.now)
            let notFound = try #require(await refusal { try await platform.read(missing, as: .customer("cus_ann")) })
            let notYours = try #require(await refusal { try await platform.read(cart.id, as: .customer("cus_bob")) })
            let tokenOnCustomerCart = try #require(await refusal { try await platform.read(cart.id, as: guest) })
            for error in [notFound, notYours, tokenOnCustomerCart] {
                #expect(error as? CheckoutError == .cartNotFound)
                #expect((error as? CheckoutError)?.message == CheckoutError.cartNotFound.message)
            }
        }
    }

    @Test("a customer has one open cart per channel: creating again returns it", arguments: TestBackend.allCases)
    func oneOpenCartPerCustomer(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let first = try await platform.customerCart("cus_ann")
            let again = try await platform.customerCart("cus_ann")
            let otherChannel = try await platform.customerCart("cus_ann", channel: "app")
            #expect(again.id == first.id)
            #expect(otherChannel.id != first.id)
            let active = try await platform.run { checkout, db in
                try await checkout.activeCart(ofCustomer: "cus_ann", channel: "web", on: db)
            }
            #expect(active?.id == first.id)
            #expect(
                try await platform.run { c, db in try await c.activeCart(ofCustomer: "cus_bob", channel: "web", on: db)
                } == nil)
            #expect(try await platform.events(CartCreated.self).count == 2)
        }
    }

    @Test("adding a variant twice adds to its line; setting 0 removes it", arguments: TestBackend.allCases)
    func lines(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            try await platform.add("var_a", 2, to: cart.id, as: guest)
            var current = try await platform.add("var_a", 3, to: cart.id, as: guest)
            #expect(current.lines.map(\.quantity) == [5])
            current = try await platform.add("var_b", 1, to: cart.id, as: guest)
            #expect(current.lines.map(\.variantID) == ["var_a", "var_b"])
            #expect(current.itemCount == 6)
            let lineB = try #require(current.line(forVariant: "var_b"))
            current = try await platform.run { checkout, db in
                try await checkout.setQuantity(7, of: lineB.id, in: cart.id, access: guest, on: db)
            }
            #expect(current.line(lineB.id)?.quantity == 7)
            current = try await platform.run { checkout, db in
                try await checkout.setQuantity(0, of: lineB.id, in: cart.id, access: guest, on: db)
            }
            #expect(current.lines.map(\.variantID) == ["var_a"])
            let lineA = try #require(current.lines.first)
            current = try await platform.run { checkout, db in
                try await checkout.removeLine(lineA.id, from: cart.id, access: guest, on: db)
            }
            #expect(current.lines.isEmpty)
            await #expect(throws: CheckoutError.lineNotFound) {
                try await platform.run { checkout, db in
                    try await checkout.removeLine(lineA.id, from: cart.id, access: guest, on: db)
                }
            }
            await #expect(throws: CheckoutError.lineNotFound) {
                try await platform.run { checkout, db in
                    try await checkout.setQuantity(2, of: lineB.id, in: cart.id, access: guest, on: db)
                }
            }
        }
    }

    @Test(
        "quantities below 1 are invalid at /quantity; the limits refuse and leave the cart as it was",
        arguments: TestBackend.allCases)
    func quantityRefusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            var checkout = platform.checkout
            checkout.maximumLines = 2
            let (cart, guest) = try await platform.guestCart()
            for bad in [0, -3] {
                let error = await refusal { try await platform.add("var_a", bad, to: cart.id, as: guest) }
                #expect(pointers(error) == ["/quantity"])
                #expect((error as? ValidationError)?.fieldErrors.first?.code == "quantity_must_be_positive")
            }
            let emptyVariant = await refusal { try await platform.add(" ", 1, to: cart.id, as: guest) }
            #expect(pointers(emptyVariant) == ["/variant_id"])
            await #expect(throws: CheckoutError.quantityLimitExceeded(maximum: 999)) {
                try await platform.add("var_a", 1000, to: cart.id, as: guest)
            }
            try await platform.add("var_a", 600, to: cart.id, as: guest)
            await #expect(throws: CheckoutError.quantityLimitExceeded(maximum: 999)) {
                try await platform.add("var_a", 400, to: cart.id, as: guest)
            }
            try await platform.add("var_a", 399, to: cart.id, as: guest, using: checkout)
            try await platform.add("var_b", 1, to: cart.id, as: guest, using: checkout)
            await #expect(throws: CheckoutError.tooManyLines(maximum: 2)) {
                try await platform.add("var_c", 1, to: cart.id, as: guest, using: checkout)
            }
            let line = try #require(try await platform.read(cart.id).line(forVariant: "var_b"))
            await #expect(throws: CheckoutError.quantityLimitExceeded(maximum: 999)) {
                try await platform.run { c, db in
                    try await c.setQuantity(1000, of: line.id, in: cart.id, access: guest, on: db)
                }
            }
            let setNegative = await refusal {
                try await platform.run { c, db in
                    try await c.setQuantity(-1, of: line.id, in: cart.id, access: guest, on: db)
                }
            }
            #expect(pointers(setNegative) == ["/quantity"])
            let final = try await platform.read(cart.id)
            #expect(final.lines.map(\.quantity) == [999, 1])
        }
    }

    @Test("a cart is checked out exactly once and then refuses every change", arguments: TestBackend.allCases)
    func checkOutOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            await #expect(throws: CheckoutError.cartEmpty) {
                try await platform.run { c, db in try await c.markCheckedOut(cart.id, orderReference: "ord_1", on: db) }
            }
            try await platform.add("var_a", 2, to: cart.id, as: guest)
            env.clock.advance(by: 60)
            let done = try await platform.run { c, db in
                try await c.markCheckedOut(cart.id, orderReference: "ord_1", on: db)
            }
            #expect(done.status == .checkedOut && done.orderReference == "ord_1" && done.closedAt == env.clock.now)
            let already = CheckoutError.cartAlreadyCheckedOut(orderReference: "ord_1")
            await #expect(throws: already) {
                try await platform.run { c, db in try await c.markCheckedOut(cart.id, orderReference: "ord_2", on: db) }
            }
            await #expect(throws: already) { try await platform.add("var_b", 1, to: cart.id, as: guest) }
            await #expect(throws: already) {
                try await platform.run { c, db in
                    try await c.setContact(email: "a@example.com", phone: nil, in: cart.id, access: guest, on: db)
                }
            }
            let line = try #require(done.lines.first)
            await #expect(throws: already) {
                try await platform.run { c, db in try await c.removeLine(line.id, from: cart.id, access: guest, on: db)
                }
            }
            await #expect(throws: CheckoutError.cartNotFound) {
                try await platform.run { c, db in
                    try await c.markCheckedOut(CartID.generate(env.ids), orderReference: "ord_3", on: db)
                }
            }
            // Still readable, unchanged.
            #expect(try await platform.read(cart.id, as: guest).lines.map(\.quantity) == [2])
            let events = try await platform.events(CartCheckedOut.self)
            #expect(events.map(\.cartID) == [cart.id])
            #expect(events.map(\.orderReference) == ["ord_1"])
            #expect(events.first?.lines.map { "\($0.variantID)×\($0.quantity)" } == ["var_a×2"])
        }
    }
}
