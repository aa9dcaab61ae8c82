public import TorvCore

/// Who is calling, once a credential has been checked.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case staff
        case apiKey = "api_key"
        case customer
        /// A person working for one marketplace seller.
        case sellerUser = "seller_user"
    }

    public let kind: Kind
    /// The staff user, API key or customer ID as a string (`stf_…`, `key_…`, `cus_…`).
    public let id: String
    public let permissions: PermissionSet
    /// The session the credential was, when it was a session token (logout ends it).
    public let sessionID: SessionID?
    /// The seller a seller user works for (`sel_…`): the tenant every seller route is scoped to.
    public let sellerID: String?

    public init(
        kind: Kind, id: String, permissions: PermissionSet, sessionID: SessionID? = nil, sellerID: String? = nil
    ) {
        self.kind = kind
        self.id = id
        self.permissions = permissions
        self.sessionID = sessionID
        self.sellerID = kind == .sellerUser ? sellerID : nil
    }

    public func allows(_ permission: Permission) -> Bool {
        kind != .customer && permissions.allows(permission)
    }

    public var staffUserID: StaffUserID? { kind == .staff ? StaffUserID(id) : nil }
    public var customerID: CustomerID? { kind == .customer ? CustomerID(id) : nil }
    public var apiKeyID: APIKeyID? { kind == .apiKey ? APIKeyID(id) : nil }
    public var sellerUserID: SellerUserID? { kind == .sellerUser ? SellerUserID(id) : nil }
}
