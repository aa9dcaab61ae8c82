import Flows
import Foundation
import Identity
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listStaff(_ input: Operations.ListStaff.Input) async throws -> Operations.ListStaff.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: StaffUserID.self)
        let identity = platform.identity
        let users = try await platform.database.read { db in
            try await identity.staffUsers(after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(users, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.StaffUser.init), next: page.next))))
    }

    func createStaff(_ input: Operations.CreateStaff.Input) async throws -> Operations.CreateStaff.Output {
        guard case .json(let body) = input.body else { throw IdentityError.staffUserNotFound }
        let user = try await platform.identity.createStaffUser(
            NewStaffUser(email: body.email, name: body.name, password: body.password, roles: body.roles),
            by: try actor(), granting: try Caller.current().permissions, in: platform.database)
        return .created(.init(body: .json(.init(user))))
    }

    func getStaff(_ input: Operations.GetStaff.Input) async throws -> Operations.GetStaff.Output {
        let id = try pathID(input.path.staffId, as: StaffUserID.self, notFound: IdentityError.staffUserNotFound)
        let identity = platform.identity
        let user = try await platform.database.read { db in try await identity.staffUser(id, on: db) }
        return .ok(.init(body: .json(.init(user))))
    }

    func setStaffRoles(_ input: Operations.SetStaffRoles.Input) async throws -> Operations.SetStaffRoles.Output {
        guard case .json(let body) = input.body else { throw IdentityError.staffUserNotFound }
        let id = try pathID(input.path.staffId, as: StaffUserID.self, notFound: IdentityError.staffUserNotFound)
        let identity = platform.identity
        let (actor, granter) = (try actor(), try Caller.current().permissions)
        let user = try await platform.database.inTransaction { db in
            try await identity.setRoles(body.roles, of: id, by: actor, granting: granter, on: db)
        }
        return .ok(.init(body: .json(.init(user))))
    }

    func disableStaff(_ input: Operations.DisableStaff.Input) async throws -> Operations.DisableStaff.Output {
        let id = try pathID(input.path.staffId, as: StaffUserID.self, notFound: IdentityError.staffUserNotFound)
        let identity = platform.identity
        let (actor, granter) = (try actor(), try Caller.current().permissions)
        let user = try await platform.database.inTransaction { db in
            try await identity.disableStaffUser(id, by: actor, granting: granter, on: db)
        }
        return .ok(.init(body: .json(.init(user))))
    }

    func listRoles(_ input: Operations.ListRoles.Input) async throws -> Operations.ListRoles.Output {
        let identity = platform.identity
        let roles = try await platform.database.read { db in try await identity.roles(on: db) }
        return .ok(.init(body: .json(.init(items: roles.map(Components.Schemas.Role.init)))))
    }
}
