import Flows
import Foundation
import Identity
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func loginStaff(_ input: Operations.LoginStaff.Input) async throws -> Operations.LoginStaff.Output {
        guard case .json(let credentials) = input.body else { throw IdentityError.invalidCredentials }
        switch try await platform.identity.loginStaff(
            email: credentials.email, password: credentials.password, in: platform.database)
        {
        case .signedIn(let session, let user):
            return .ok(.init(body: .json(.init(status: .signedIn, session: .init(session), staff: .init(user)))))
        case .secondFactorRequired(let challenge, let expiresAt):
            return .ok(
                .init(
                    body: .json(
                        .init(status: .secondFactorRequired, challenge: challenge, challengeExpiresAt: expiresAt))))
        }
    }

    func completeStaffLogin(
        _ input: Operations.CompleteStaffLogin.Input
    ) async throws
        -> Operations.CompleteStaffLogin.Output
    {
        guard case .json(let body) = input.body else { throw IdentityError.invalidSecondFactor }
        let (session, user) = try await platform.identity.completeStaffLogin(
            challenge: body.challenge, code: body.code, requestID: RequestInfo.requestID, in: platform.database)
        return .ok(.init(body: .json(.init(session: .init(session), staff: .init(user)))))
    }

    func logoutStaff(_ input: Operations.LogoutStaff.Input) async throws -> Operations.LogoutStaff.Output {
        if let session = try Caller.current().sessionID {
            let identity = platform.identity
            try await platform.database.inTransaction { db in try await identity.endSession(session, on: db) }
        }
        return .noContent(.init())
    }

    func getCurrentStaff(
        _ input: Operations.GetCurrentStaff.Input
    ) async throws
        -> Operations.GetCurrentStaff.Output
    {
        let principal = try Caller.current()
        let id = try Caller.staffUser()
        let identity = platform.identity
        let user = try await platform.database.read { db in try await identity.staffUser(id, on: db) }
        return .ok(
            .init(
                body: .json(
                    .init(staff: .init(user), permissions: principal.permissions.grants.map(\.rawValue).sorted()))))
    }

    func changeStaffPassword(
        _ input: Operations.ChangeStaffPassword.Input
    ) async throws
        -> Operations.ChangeStaffPassword.Output
    {
        guard case .json(let body) = input.body else { throw IdentityError.invalidCredentials }
        let id = try Caller.staffUser()
        let session = try await platform.identity.changeStaffPassword(
            id, current: body.currentPassword, new: body.newPassword, by: try actor(), in: platform.database)
        return .ok(.init(body: .json(.init(session))))
    }

    func beginTwoFactor(_ input: Operations.BeginTwoFactor.Input) async throws -> Operations.BeginTwoFactor.Output {
        let enrollment = try await platform.identity.beginTwoFactorEnrollment(
            for: try Caller.staffUser(), in: platform.database)
        return .ok(.init(body: .json(.init(secret: enrollment.secret, provisioningUri: enrollment.provisioningURI))))
    }

    func confirmTwoFactor(
        _ input: Operations.ConfirmTwoFactor.Input
    ) async throws
        -> Operations.ConfirmTwoFactor.Output
    {
        guard case .json(let body) = input.body else { throw IdentityError.invalidSecondFactor }
        let user = try await platform.identity.confirmTwoFactorEnrollment(
            for: try Caller.staffUser(), code: body.code, by: try actor(), in: platform.database)
        return .ok(.init(body: .json(.init(user))))
    }

    /// The caller as the audit log records them, with this request's ID.
    func actor() throws -> AuditActor {
        let principal = try Caller.current()
        return AuditActor(kind: principal.kind.rawValue, id: principal.id, requestID: RequestInfo.requestID)
    }
}
