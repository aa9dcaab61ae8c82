public import TorvCore

/// A shopper created an account. CRM and marketing build on it; consent is recorded separately.
public struct CustomerRegistered: DomainEvent, Hashable {
    public static let eventType = "customer.registered"
    public let customerID: String
    public let email: String
    public let name: String
}
