import Flows
import Foundation
import Identity
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func registerCustomer(
        _ input: Operations.RegisterCustomer.Input
    ) async throws
        -> Operations.RegisterCustomer.Output
    {
        guard case .json(let body) = input.body else { throw IdentityError.invalidCredentials }
        // The outcome is deliberately not shown: both cases answer alike.
        _ = try await platform.identity.registerCustomer(
            email: body.email, password: body.password, name: body.name, requestID: RequestInfo.requestID,
            in: platform.database)
        return .accepted(
            .init(
                body: .json(
                    .init(
                        status: .accepted,
                        message: "If this address can be registered, its account is ready: sign in with it."))))
    }

    func loginCustomer(_ input: Operations.LoginCustomer.Input) async throws -> Operations.LoginCustomer.Output {
        guard case .json(let credentials) = input.body else { throw IdentityError.invalidCredentials }
        let (session, account) = try await platform.identity.loginCustomer(
            email: credentials.email, password: credentials.password, in: platform.database)
        return .ok(.init(body: .json(.init(session: .init(session), customer: .init(account)))))
    }

    func logoutCustomer(_ input: Operations.LogoutCustomer.Input) async throws -> Operations.LogoutCustomer.Output {
        if let session = try Caller.current().sessionID {
            let identity = platform.identity
            try await platform.database.inTransaction { db in try await identity.endSession(session, on: db) }
        }
        return .noContent(.init())
    }

    func getCurrentCustomer(
        _ input: Operations.GetCurrentCustomer.Input
    ) async throws
        -> Operations.GetCurrentCustomer.Output
    {
        let id = try Caller.customer()
        let identity = platform.identity
        let account = try await platform.database.read { db in try await identity.customer(id, on: db) }
        return .ok(.init(body: .json(.init(account))))
    }

    func changeCustomerPassword(
        _ input: Operations.ChangeCustomerPassword.Input
    ) async throws
        -> Operations.ChangeCustomerPassword.Output
    {
        guard case .json(let body) = input.body else { throw IdentityError.invalidCredentials }
        let session = try await platform.identity.changeCustomerPassword(
            try Caller.customer(), current: body.currentPassword, new: body.newPassword, in: platform.database)
        return .ok(.init(body: .json(.init(session))))
    }

    func listCustomerAccounts(
        _ input: Operations.ListCustomerAccounts.Input
    ) async throws
        -> Operations.ListCustomerAccounts.Output
    {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: CustomerID.self)
        let identity = platform.identity
        let accounts = try await platform.database.read { db in
            try await identity.customers(after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(accounts, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(body: .json(.init(items: page.items.map(Components.Schemas.CustomerAccount.init), next: page.next))))
    }
}
