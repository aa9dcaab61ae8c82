import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import TorvCore

/// Settings › Staff: the staff list, adding a staff member, a member's roles and disabling them, with
/// the permissions the admin API's staff operations declare. Each form runs once per form key.
extension ConsolePages {
    func registerStaff(on router: Router<TorvRequestContext>) {
        router.get("/admin/settings/staff") { request, context in
            await page(request, context, permission: .identityStaffRead) { visit in
                try await staffList(request, visit: visit)
            }
        }
        router.post("/admin/settings/staff") { request, context in
            await post(request, context, permission: .identityStaffManage) { visit, form in
                try await addStaff(request, form: form, visit: visit)
            }
        }
        router.get("/admin/settings/staff/:staff_id") { request, context in
            await page(request, context, permission: .identityStaffRead) { visit in
                try await staffMember(request, id: context.parameters.get("staff_id") ?? "", visit: visit)
            }
        }
        router.post("/admin/settings/staff/:staff_id/roles") { request, context in
            await post(request, context, permission: .identityStaffManage) { visit, form in
                try await changeStaff(
                    .roles, request, id: context.parameters.get("staff_id") ?? "", form: form, visit: visit)
            }
        }
        router.post("/admin/settings/staff/:staff_id/disable") { request, context in
            await post(request, context, permission: .identityStaffManage) { visit, form in
                try await changeStaff(
                    .disable, request, id: context.parameters.get("staff_id") ?? "", form: form, visit: visit)
            }
        }
    }

    static let staffPageSize = 50

    private func staffList(
        _ request: Request, visit: StaffVisit, failed: FormData? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let after = query["after"].flatMap(StaffUserID.init)
        let identity = platform.identity
        let limit = Self.staffPageSize
        let (users, roles) = try await platform.database.read { db in
            (
                try await identity.staffUsers(after: after, limit: limit + 1, on: db),
                try await identity.roles(on: db)
            )
        }
        let shown = Array(users.prefix(limit))
        let view = StaffListView(
            users: shown, next: users.count > limit ? shown.last?.id : nil, roles: roles,
            mayManage: visit.may(.identityStaffManage), failed: failed, error: error,
            notice: SettingsNotice.from(query), settings: settings)
        return try render(
            "console-staff", title: "Staff", section: .settings, view: view, visit: visit, request: request,
            status: status)
    }

    private func addStaff(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.settings.staff.create"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            do {
                let user = try await platform.identity.createStaffUser(
                    NewStaffUser(
                        email: form["email"] ?? "", name: form["name"] ?? "", password: form["password"] ?? "",
                        roles: form.values("roles")),
                    by: visit.actor, granting: visit.principal.permissions, in: platform.database)
                return .redirect(
                    "/admin/settings/staff/\(user.id.rawValue)?done=\(SettingsNotice.staffCreated.rawValue)")
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.statusShowingForbidden(of: error) else { throw error }
                return .refused(
                    try await staffList(
                        request, visit: visit, failed: form, error: ConsoleFormRefusal.sentence(error),
                        status: status))
            }
        }
    }

    private func staffMember(
        _ request: Request, id text: String, visit: StaffVisit, failed: (StaffChange, FormData, String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try pathID(text, as: StaffUserID.self, notFound: IdentityError.staffUserNotFound)
        let identity = platform.identity
        let (user, roles) = try await platform.database.read { db in
            (try await identity.staffUser(id, on: db), try await identity.roles(on: db))
        }
        let view = StaffMemberView(
            user: user, roles: roles, mayManage: visit.may(.identityStaffManage),
            isSelf: visit.principal.id == id.rawValue,
            failedRoles: failed.flatMap { $0.0 == .roles ? $0.1 : nil },
            rolesError: failed.flatMap { $0.0 == .roles ? $0.2 : nil },
            disableError: failed.flatMap { $0.0 == .disable ? $0.2 : nil },
            notice: SettingsNotice.from(FormData(urlEncoded: request.uri.query ?? "")), settings: settings)
        return try render(
            "console-staff-member", title: user.name, section: .settings, view: view, visit: visit, request: request,
            status: status)
    }

    enum StaffChange: String { case roles, disable }

    private func changeStaff(
        _ change: StaffChange, _ request: Request, id text: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(text, as: StaffUserID.self, notFound: IdentityError.staffUserNotFound)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.settings.staff.\(change.rawValue)"
        let (identity, actor, granter) = (platform.identity, visit.actor, visit.principal.permissions)
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            do {
                switch change {
                case .roles:
                    _ = try await platform.database.inTransaction { db in
                        try await identity.setRoles(
                            form.values("roles"), of: id, by: actor, granting: granter, on: db)
                    }
                    return .redirect(
                        "/admin/settings/staff/\(id.rawValue)?done=\(SettingsNotice.rolesChanged.rawValue)")
                case .disable:
                    _ = try await platform.database.inTransaction { db in
                        try await identity.disableStaffUser(id, by: actor, granting: granter, on: db)
                    }
                    return .redirect(
                        "/admin/settings/staff/\(id.rawValue)?done=\(SettingsNotice.staffDisabled.rawValue)")
                }
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.statusShowingForbidden(of: error) else { throw error }
                return .refused(
                    try await staffMember(
                        request, id: text, visit: visit, failed: (change, form, ConsoleFormRefusal.sentence(error)),
                        status: status))
            }
        }
    }
}

extension Permission {
    static let identityStaffRead: Permission = "identity.staff.read"
    static let identityStaffManage: Permission = "identity.staff.manage"
    static let identityRolesRead: Permission = "identity.roles.read"
    static let identityAPIKeysManage: Permission = "identity.api_keys.manage"
    static let identityAuditRead: Permission = "identity.audit.read"
}
