public import Foundation
public import TorvCore

/// A cart was opened (`cart.created`); analytics count sessions that start shopping.
public struct CartCreated: DomainEvent, Hashable {
    public static let eventType = "cart.created"
    public let cartID: CartID
    public let channel: String
    public let currency: Currency
    public let customerID: String?
}

/// A cart became an order (`cart.checked_out`), exactly once.
public struct CartCheckedOut: DomainEvent, Hashable {
    public static let eventType = "cart.checked_out"
    public let cartID: CartID
    public let orderReference: String
    public let channel: String
    public let customerID: String?
    public let lines: [CartLineSnapshot]
}

/// A checked-out cart is open again because its order failed before payment (`cart.reopened`).
public struct CartReopened: DomainEvent, Hashable {
    public static let eventType = "cart.reopened"
    public let cartID: CartID
    public let orderReference: String
}

/// A guest cart was folded into a customer's cart at sign-in (`cart.merged`). When the customer had no
/// open cart, the guest cart itself was adopted and `into == from`.
public struct CartMerged: DomainEvent, Hashable {
    public static let eventType = "cart.merged"
    public let from: CartID
    public let into: CartID
    public let customerID: String
    /// Variants whose quantity was capped at the line limit, or that did not fit under the line count.
    public let capped: [String]
    public let dropped: [String]
}

/// An idle guest cart was closed (`cart.abandoned`); marketing may remind the shopper if an email is known.
public struct CartAbandoned: DomainEvent, Hashable {
    public static let eventType = "cart.abandoned"
    public let cartID: CartID
    public let channel: String
    public let email: String?
    public let lastActivityAt: Date
    public let lines: [CartLineSnapshot]
}

/// A variant and quantity as they stood when an event happened.
public struct CartLineSnapshot: Codable, Sendable, Hashable {
    public let variantID: String
    public let quantity: Int
}

extension Cart {
    var snapshot: [CartLineSnapshot] { lines.map { CartLineSnapshot(variantID: $0.variantID, quantity: $0.quantity) } }
}
