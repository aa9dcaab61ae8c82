public import TorvCore

public enum CustomerAddressPrefix: IDPrefix { public static let prefix = "addr" }
/// One entry of a customer's address book.
public typealias CustomerAddressID = TypedID<CustomerAddressPrefix>

public enum CustomerGroupPrefix: IDPrefix { public static let prefix = "cgrp" }
/// A customer group (wholesale, staff, VIP). Catalog keys group prices by the group's code, not this ID.
public typealias CustomerGroupID = TypedID<CustomerGroupPrefix>

public enum CompanyPrefix: IDPrefix { public static let prefix = "comp" }
/// A B2B company whose members buy on its account.
public typealias CompanyID = TypedID<CompanyPrefix>

/// Identity's customer IDs (`cus_…`). Customers may not import Identity, so it checks the spelling of
/// the ID strings it is handed with a prefix of its own: a malformed or foreign ID (an order ID, a
/// staff ID) is refused at the boundary instead of growing a profile or an address book.
enum CustomerReferencePrefix: IDPrefix { static let prefix = "cus" }

enum CustomerReference {
    static func isValid(_ customerID: String) -> Bool {
        TypedID<CustomerReferencePrefix>(customerID) != nil
    }
}
