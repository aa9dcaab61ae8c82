public import Identity
import Persistence

/// API keys created outside a signed-in session (`torv api-keys create`, the demo).
public enum APIKeys {
    /// Creates a key acting for the staff user with `email`, bounded by that user's permissions.
    public static func create(
        name: String, scopes: [String], forStaffEmail email: String, on platform: Platform
    )
        async throws -> IssuedAPIKey
    {
        let identity = platform.identity
        return try await platform.database.inTransaction { db in
            let staff = try await identity.staffUser(email: email, on: db)
            let principal = try await identity.staffPrincipal(staff.id, on: db)
            return try await identity.createAPIKey(
                name: name, scopes: scopes, expiresAt: nil, by: principal, requestID: nil, on: db)
        }
    }
}
