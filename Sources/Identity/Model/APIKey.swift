public import Foundation

/// A credential for machines (integrations, scripts). The secret is shown once at creation; only
/// its SHA-256 is stored. Scopes never exceed the creator's permissions, now or later: the key's
/// effective permissions are its scopes intersected with what its creator currently holds.
public struct APIKey: Sendable, Hashable, Codable {
    public let id: APIKeyID
    public var name: String
    /// The first characters of the token, so a person can recognise a key in a list.
    public var displayPrefix: String
    public var scopes: [Permission]
    public let createdBy: StaffUserID
    public let createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}

/// A key together with its secret token, returned exactly once.
public struct IssuedAPIKey: Sendable, Hashable {
    public let key: APIKey
    public let token: String
}
