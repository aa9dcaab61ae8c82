public import Identity
import Persistence

/// Creating the first owner of a new shop, from `torv users create-admin` or `torv demo`.
public enum Administrators {
    /// Creates a staff user with the owner role, recorded in the audit log as done by the system
    /// (there is no signed-in person yet).
    public static func createOwner(
        email: String, name: String, password: String, on platform: Platform
    )
        async throws -> StaffUser
    {
        try await platform.identity.createStaffUser(
            NewStaffUser(email: email, name: name, password: password, roles: [Identity.ownerRole]),
            by: .system, granting: .all, in: platform.database)
    }
}
