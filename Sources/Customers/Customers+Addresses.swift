import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// The address book. Every method takes the customer whose book it is, and every statement names that
/// customer: another customer's address answers `address_not_found`, exactly like a missing one.
extension Customers {
    public func addresses(of customerID: String, on db: any SQLDatabase) async throws -> [CustomerAddress] {
        try Self.checkCustomer(customerID)
        return try await CustomersStore.addresses(of: customerID, on: db)
    }

    public func address(
        _ id: CustomerAddressID, of customerID: String, on db: any SQLDatabase
    ) async throws
        -> CustomerAddress
    {
        try Self.checkCustomer(customerID)
        guard let address = try await CustomersStore.address(id, of: customerID, on: db) else {
            throw CustomersError.addressNotFound
        }
        return address
    }

    /// The address checkout proposes for `use`, if the customer chose one.
    public func defaultAddress(
        for use: AddressUse, of customerID: String, on db: any SQLDatabase
    ) async throws
        -> CustomerAddress?
    {
        try await addresses(of: customerID, on: db).first {
            use == .shipping ? $0.isDefaultShipping : $0.isDefaultBilling
        }
    }

    /// Adds an address; a default flag takes the default from the address that had it.
    public func addAddress(
        _ draft: CustomerAddressDraft, of customerID: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> CustomerAddress {
        let (label, fields) = try Self.validate(draft, of: customerID)
        let now = self.now
        let id = CustomerAddressID.generate(ids, at: now)
        return try await Savepoint.atomically("customers_add_address", on: db) {
            try await CustomersStore.insertAddress(id, of: customerID, label: label, fields, now: now, on: db)
            if draft.isDefaultShipping || draft.isDefaultBilling {
                try await CustomersStore.setDefaults(
                    of: customerID, to: id, shipping: draft.isDefaultShipping, billing: draft.isDefaultBilling, on: db)
            }
            try await recordUnlessSelf(
                "customer.address_added", by: actor, customerID: customerID, target: ("customer_address", id.rawValue),
                detail: ["customer_id": customerID], on: db)
            return try await address(id, of: customerID, on: db)
        }
    }

    /// Replaces an address, default flags included: clearing a flag on the current default leaves the
    /// customer without that default.
    public func updateAddress(
        _ id: CustomerAddressID, of customerID: String, to draft: CustomerAddressDraft, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> CustomerAddress {
        let (label, fields) = try Self.validate(draft, of: customerID)
        let now = self.now
        return try await Savepoint.atomically("customers_update_address", on: db) {
            guard
                try await CustomersStore.updateAddress(id, of: customerID, label: label, fields, now: now, on: db)
            else { throw CustomersError.addressNotFound }
            try await CustomersStore.setDefaults(
                of: customerID, to: id, shipping: draft.isDefaultShipping, billing: draft.isDefaultBilling, on: db)
            try await recordUnlessSelf(
                "customer.address_updated", by: actor, customerID: customerID,
                target: ("customer_address", id.rawValue), detail: ["customer_id": customerID], on: db)
            return try await address(id, of: customerID, on: db)
        }
    }

    /// Makes an existing address the default for `use`, leaving the other default as it is.
    public func setDefaultAddress(
        _ id: CustomerAddressID, for use: AddressUse, of customerID: String, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> CustomerAddress {
        try Self.checkCustomer(customerID)
        return try await Savepoint.atomically("customers_default_address", on: db) {
            guard try await CustomersStore.lockAddress(id, of: customerID, on: db) else {
                throw CustomersError.addressNotFound
            }
            let current = try await address(id, of: customerID, on: db)
            try await CustomersStore.setDefaults(
                of: customerID, to: id, shipping: use == .shipping || current.isDefaultShipping,
                billing: use == .billing || current.isDefaultBilling, on: db)
            try await recordUnlessSelf(
                "customer.address_default_set", by: actor, customerID: customerID,
                target: ("customer_address", id.rawValue), detail: ["use": use.rawValue], on: db)
            return try await address(id, of: customerID, on: db)
        }
    }

    /// Deletes an address; a default it was is cleared, not handed to another address.
    public func removeAddress(
        _ id: CustomerAddressID, of customerID: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws {
        try Self.checkCustomer(customerID)
        try await Savepoint.atomically("customers_remove_address", on: db) {
            guard try await CustomersStore.lockAddress(id, of: customerID, on: db),
                try await CustomersStore.deleteAddress(id, of: customerID, on: db)
            else { throw CustomersError.addressNotFound }
            try await recordUnlessSelf(
                "customer.address_removed", by: actor, customerID: customerID,
                target: ("customer_address", id.rawValue), detail: ["customer_id": customerID], on: db)
        }
    }

    static func checkCustomer(_ customerID: String) throws(ValidationError) {
        var validator = Validator()
        validator.checkCustomerID(customerID)
        try validator.finish()
    }

    static func validate(
        _ draft: CustomerAddressDraft, of customerID: String
    ) throws(ValidationError) -> (label: String?, address: StreetAddress) {
        var validator = Validator()
        validator.checkCustomerID(customerID)
        let label = validator.optional(draft.label, max: 50, at: "/label")
        let address = validator.address(draft.address, at: "/address")
        try validator.finish()
        return (label, address)
    }
}
