public import TorvCore

/// A customer's profile changed (`customer.profile_updated`). Marketing reads the consent flag from it.
public struct CustomerProfileUpdated: DomainEvent, Hashable {
    public static let eventType = "customer.profile_updated"
    public let customerID: String
    public let marketingConsent: Bool
}

/// A customer joined a group (`customer_group.member_added`); the code is what prices are keyed by.
public struct CustomerGroupMemberAdded: DomainEvent, Hashable {
    public static let eventType = "customer_group.member_added"
    public let groupID: CustomerGroupID
    public let groupCode: String
    public let customerID: String
}

/// A customer left a group (`customer_group.member_removed`).
public struct CustomerGroupMemberRemoved: DomainEvent, Hashable {
    public static let eventType = "customer_group.member_removed"
    public let groupID: CustomerGroupID
    public let groupCode: String
    public let customerID: String
}

/// Staff registered a B2B company (`company.created`).
public struct CompanyCreated: DomainEvent, Hashable {
    public static let eventType = "company.created"
    public let companyID: CompanyID
    public let legalName: String
    public let status: CompanyStatus
}

/// Staff changed a company's details or status (`company.updated`); a suspension stops its orders on account.
public struct CompanyUpdated: DomainEvent, Hashable {
    public static let eventType = "company.updated"
    public let companyID: CompanyID
    public let status: CompanyStatus
}

/// A customer joined a company (`company.member_added`).
public struct CompanyMemberAdded: DomainEvent, Hashable {
    public static let eventType = "company.member_added"
    public let companyID: CompanyID
    public let customerID: String
    public let role: CompanyRole
}

/// A member's role or approval limit changed (`company.member_updated`).
public struct CompanyMemberUpdated: DomainEvent, Hashable {
    public static let eventType = "company.member_updated"
    public let companyID: CompanyID
    public let customerID: String
    public let role: CompanyRole
}

/// A customer left a company (`company.member_removed`).
public struct CompanyMemberRemoved: DomainEvent, Hashable {
    public static let eventType = "company.member_removed"
    public let companyID: CompanyID
    public let customerID: String
}
