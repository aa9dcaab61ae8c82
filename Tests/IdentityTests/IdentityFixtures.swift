import Flows
import Identity
import Persistence
import TestSupport
import TorvCore

extension Platform {
    static let password = "correct horse battery"

    @discardableResult
    func staff(_ email: String, roles: [String]) async throws -> StaffUser {
        try await identity.createStaffUser(
            NewStaffUser(email: email, name: "Test \(roles.joined())", password: Self.password, roles: roles),
            by: .system, granting: .all, in: database)
    }

    func signIn(_ email: String) async throws -> (IssuedSession, StaffUser) {
        guard
            case .signedIn(let session, let user) = try await identity.loginStaff(
                email: email, password: Self.password, in: database)
        else { throw SignInNeededSecondFactor() }
        return (session, user)
    }
}

struct SignInNeededSecondFactor: Error {}
