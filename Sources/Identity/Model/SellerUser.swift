public import Foundation
public import TorvCore

/// What a seller user may do for their seller. The owner manages the seller's users too.
public enum SellerRole: String, Sendable, Hashable, Codable, CaseIterable {
    case owner, manager, fulfilment, finance

    /// Seller permissions all start with `seller.`; no staff permission shares the prefix, so a seller
    /// user's grants can never reach an admin operation.
    public var permissions: PermissionSet {
        switch self {
        case .owner: PermissionSet(["seller.*"])
        case .manager:
            PermissionSet([
                .sellerProfileRead, .sellerProfileManage, .sellerOffersRead, .sellerOffersManage, .sellerOrdersRead,
                .sellerOrdersFulfil, .sellerBalanceRead, .sellerRequestsRead, .sellerRequestsManage,
            ])
        case .fulfilment:
            PermissionSet([.sellerProfileRead, .sellerOffersRead, .sellerOrdersRead, .sellerOrdersFulfil])
        case .finance: PermissionSet([.sellerProfileRead, .sellerOrdersRead, .sellerBalanceRead])
        }
    }
}

extension Permission {
    public static let sellerProfileRead: Permission = "seller.profile.read"
    public static let sellerProfileManage: Permission = "seller.profile.manage"
    public static let sellerUsersManage: Permission = "seller.users.manage"
    public static let sellerOffersRead: Permission = "seller.offers.read"
    public static let sellerOffersManage: Permission = "seller.offers.manage"
    public static let sellerOrdersRead: Permission = "seller.orders.read"
    public static let sellerOrdersFulfil: Permission = "seller.orders.fulfil"
    public static let sellerBalanceRead: Permission = "seller.balance.read"
    /// Buy requests (trade-ins, quote requests): see them and the quotes this seller sent.
    public static let sellerRequestsRead: Permission = "seller.requests.read"
    /// Post buy requests, decide on their responses, and quote on other businesses' requests.
    public static let sellerRequestsManage: Permission = "seller.requests.manage"
}

/// A person who signs in for one marketplace seller.
public struct SellerUser: Sendable, Hashable, Codable {
    public let id: SellerUserID
    /// The seller (`sel_…`) this user works for; never changes.
    public let sellerID: String
    public let email: String
    public let name: String
    public let role: SellerRole
    public let disabled: Bool
    public let createdAt: Date

    public init(
        id: SellerUserID, sellerID: String, email: String, name: String, role: SellerRole, disabled: Bool,
        createdAt: Date
    ) {
        self.id = id
        self.sellerID = sellerID
        self.email = email
        self.name = name
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
    }
}

/// A seller user checked and with the password hashed, ready to be written in the caller's transaction
/// (hashing is slow, so it happens before the transaction opens).
public struct SellerUserDraft: Sendable {
    let email: String
    let name: String
    let passwordHash: String
    let role: SellerRole
}
