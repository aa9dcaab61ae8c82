/// A permission such as `identity.api_keys.manage`: `module.resource.action`.
///
/// Roles and API-key scopes hold permissions or patterns: `*` grants everything, `catalog.*` grants
/// every permission of the catalog module. Permissions are plain strings so that modules added
/// later declare their own without Identity knowing them.
public struct Permission: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether this grant (possibly a pattern) covers `permission`.
    public func grants(_ permission: Permission) -> Bool {
        if rawValue == "*" || rawValue == permission.rawValue { return true }
        guard rawValue.hasSuffix(".*") else { return false }
        return permission.rawValue.hasPrefix(rawValue.dropLast())  // keeps the trailing dot
    }

    /// Well-formed: lowercase dotted words, optionally ending in `.*`, or `*` alone.
    public var isWellFormed: Bool {
        if rawValue == "*" { return true }
        let parts = rawValue.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        for (index, part) in parts.enumerated() {
            if part == "*" && index == parts.count - 1 { continue }
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
            else { return false }
        }
        return true
    }
}

extension Permission {
    public static let staffRead: Permission = "identity.staff.read"
    public static let staffManage: Permission = "identity.staff.manage"
    public static let apiKeysManage: Permission = "identity.api_keys.manage"
    public static let auditRead: Permission = "identity.audit.read"
    public static let customersRead: Permission = "identity.customers.read"
    public static let rolesRead: Permission = "identity.roles.read"
}

/// A set of grants, checked with pattern matching.
public struct PermissionSet: Hashable, Sendable, Codable {
    public let grants: Set<Permission>

    public init(_ grants: some Sequence<Permission>) { self.grants = Set(grants) }

    public static let none = PermissionSet([])
    public static let all = PermissionSet(["*"])

    public func allows(_ permission: Permission) -> Bool {
        grants.contains { $0.grants(permission) }
    }

    /// Whether every grant of `other` is covered by this set: an API key may not hold more than its creator.
    public func covers(_ other: PermissionSet) -> Bool {
        other.grants.allSatisfy { grant in
            grants.contains { mine in
                mine.rawValue == "*" || mine == grant
                    || (mine.rawValue.hasSuffix(".*") && grant.rawValue.hasPrefix(mine.rawValue.dropLast()))
            }
        }
    }
}
