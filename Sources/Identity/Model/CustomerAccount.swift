public import Foundation

/// A shopper's login. Profiles, addresses and order history belong to the Customers module, which
/// refers to the account by this ID.
public struct CustomerAccount: Sendable, Hashable, Codable {
    public let id: CustomerID
    public var email: String
    public var name: String
    public let createdAt: Date
}

/// What happened on registration. The HTTP layer answers both cases identically so that the
/// endpoint does not reveal which e-mail addresses have accounts.
public enum Registration: Sendable, Hashable {
    case created(CustomerAccount)
    case alreadyRegistered
}
