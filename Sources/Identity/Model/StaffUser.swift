public import Foundation

/// A member of the shop's staff who works in the back office.
public struct StaffUser: Sendable, Hashable, Codable {
    public let id: StaffUserID
    public var email: String
    public var name: String
    public var roles: [String]
    public var twoFactorEnabled: Bool
    public var disabledAt: Date?
    public let createdAt: Date

    public var isActive: Bool { disabledAt == nil }
}

/// What an administrator supplies to create a staff user.
public struct NewStaffUser: Sendable, Hashable {
    public var email: String
    public var name: String
    public var password: String
    public var roles: [String]

    public init(email: String, name: String, password: String, roles: [String]) {
        self.email = email
        self.name = name
        self.password = password
        self.roles = roles
    }
}

/// A named bundle of permissions. Built-in roles are seeded by migrations; modules add theirs.
public struct Role: Sendable, Hashable, Codable {
    public let name: String
    public var description: String
    public var permissions: [Permission]
}
