public import Foundation

/// One entry of a customer's address book.
public struct CustomerAddress: Sendable, Hashable, Codable, Identifiable {
    public var id: CustomerAddressID
    /// Identity's customer ID (`cus_…`) of the owner; only the owner can read or change the entry.
    public var customerID: String
    /// The customer's own name for the entry ("Home", "Office").
    public var label: String?
    public var address: StreetAddress
    /// Whether checkout proposes this address for shipping. At most one per customer.
    public var isDefaultShipping: Bool
    /// Whether checkout proposes this address for invoices. At most one per customer.
    public var isDefaultBilling: Bool
    public var createdAt: Date
    public var updatedAt: Date
}

/// What a customer submits to add or replace an address-book entry. Setting a default flag takes it
/// from the address that had it; clearing it on the current default leaves the customer without one.
public struct CustomerAddressDraft: Sendable, Hashable, Codable {
    public var label: String?
    public var address: StreetAddress
    public var isDefaultShipping: Bool
    public var isDefaultBilling: Bool

    public init(
        label: String? = nil, address: StreetAddress, isDefaultShipping: Bool = false, isDefaultBilling: Bool = false
    ) {
        self.label = label
        self.address = address
        self.isDefaultShipping = isDefaultShipping
        self.isDefaultBilling = isDefaultBilling
    }
}

/// What an address is proposed for at checkout.
public enum AddressUse: String, Sendable, Hashable, Codable, CaseIterable {
    case shipping
    case billing
}
