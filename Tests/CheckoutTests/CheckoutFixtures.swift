import Checkout
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

extension AuditActor {
    static let clerk = AuditActor(kind: "staff", id: "stf_clerk", requestID: "req_test")
}

extension Address {
    static func fixture(_ country: String = "DE", name: String = "Erika Mustermann") -> Address {
        Address(name: name, line1: "Heidestraße 17", city: "Köln", postalCode: "51147", country: country)
    }
}

extension Platform {
    /// Runs `body` with this platform's Checkout (or `checkout`) in its own transaction.
    func run<R: Sendable>(
        _ checkout: Checkout? = nil, _ body: @escaping @Sendable (Checkout, any SQLDatabase) async throws -> R
    ) async throws -> R {
        let checkout = checkout ?? self.checkout
        return try await database.inTransaction { db in try await body(checkout, db) }
    }

    func guestCart(channel: String = "web", currency: Currency = .eur) async throws -> (Cart, CartAccess) {
        let created = try await run { checkout, db in
            try await checkout.createCart(channel: channel, currency: currency, customerID: nil, on: db)
        }
        let token = try #require(created.guestToken)
        return (created.cart, .guest(token: token))
    }

    func customerCart(_ customerID: String, channel: String = "web") async throws -> Cart {
        try await run { checkout, db in
            try await checkout.createCart(channel: channel, currency: .eur, customerID: customerID, on: db)
        }.cart
    }

    @discardableResult
    func add(
        _ variantID: String, _ quantity: Int, to cart: CartID, as access: CartAccess, using checkout: Checkout? = nil
    ) async throws -> Cart {
        try await run(checkout) { checkout, db in
            try await checkout.addLine(variantID: variantID, quantity: quantity, to: cart, access: access, on: db)
        }
    }

    func read(_ cart: CartID, as access: CartAccess = .staff) async throws -> Cart {
        let checkout = self.checkout
        return try await database.read { db in try await checkout.cart(cart, access: access, on: db) }
    }

    func events<E: DomainEvent>(_ type: E.Type) async throws -> [E] {
        let outbox = self.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }
            .filter { $0.type == E.eventType }.map { try $0.decode(E.self) }
    }

    func auditActions() async throws -> [String] {
        let audit = self.audit
        return try await database.read { db in try await audit.list(limit: 1000, on: db) }.map(\.action).reversed()
    }
}

/// The error `body` throws, or a recorded issue when it succeeds.
func refusal(
    _ body: () async throws -> some Any, sourceLocation: SourceLocation = #_sourceLocation
) async -> (any Error)? {
    do {
        _ = try await body()
        Issue.record("expected a refusal", sourceLocation: sourceLocation)
        return nil
    } catch let failure as BackendFailure {
        return failure.error
    } catch {
        return error
    }
}

/// The field pointers of a validation error.
func pointers(_ error: (any Error)?) -> [String] {
    (error as? ValidationError)?.fieldErrors.map(\.pointer) ?? []
}
