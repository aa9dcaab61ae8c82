import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import TorvCore

/// The console's settings: an index of the areas the staff member may open (staff, roles, API keys,
/// the audit log) and their own two-factor sign-in, which every staff member may set up.
extension ConsolePages {
    func registerSettings(on router: Router<TorvRequestContext>) {
        registerStaff(on: router)
        registerAPIKeys(on: router)
        router.get("/admin/settings") { request, context in
            await page(request, context, permission: nil) { visit in
                let links = SettingsLink.all.filter { $0.permission.map(visit.may) ?? true }
                return try render(
                    "console-settings", title: "Settings", section: .settings, view: SettingsIndexView(links: links),
                    visit: visit, request: request)
            }
        }
        router.get("/admin/settings/roles") { request, context in
            await page(request, context, permission: .identityRolesRead) { visit in
                let identity = platform.identity
                let roles = try await platform.database.read { db in try await identity.roles(on: db) }
                let view = RolesView(
                    roles: roles.map {
                        RolesView.RoleRow(
                            roleTitle: $0.name, roleText: $0.description,
                            rolePermissions: $0.permissions.map(\.rawValue).sorted())
                    })
                return try render(
                    "console-roles", title: "Roles", section: .settings, view: view, visit: visit, request: request)
            }
        }
        router.get("/admin/settings/audit") { request, context in
            await page(request, context, permission: .identityAuditRead) { visit in
                try await auditLog(request, visit: visit)
            }
        }
        router.get("/admin/settings/two-factor") { request, context in
            await page(request, context, permission: nil) { visit in
                try await twoFactor(request, visit: visit)
            }
        }
        router.post("/admin/settings/two-factor") { request, context in
            await post(request, context, permission: nil) { visit, form in
                try await beginTwoFactor(request, form: form, visit: visit)
            }
        }
        router.post("/admin/settings/two-factor/confirm") { request, context in
            await post(request, context, permission: nil) { visit, form in
                try await confirmTwoFactor(request, form: form, visit: visit)
            }
        }
    }

    static let auditPageSize = 50

    private func auditLog(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let actor = String((query["actor"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let before = query["before"].flatMap(AuditEntryID.init)
        let (audit, identity, limit) = (platform.audit, platform.identity, Self.auditPageSize)
        let (entries, names) = try await platform.database.read { db in
            let entries = try await audit.list(
                before: before, limit: limit + 1, actorID: actor.isEmpty ? nil : actor, on: db)
            var names: [String: String] = [:]
            for id in Set(entries.filter { $0.actor.kind == "staff" }.map(\.actor.id)) {
                if let staffID = StaffUserID(id), let user = try? await identity.staffUser(staffID, on: db) {
                    names[id] = user.name
                }
            }
            return (entries, names)
        }
        let shown = Array(entries.prefix(limit))
        let view = AuditLogView(
            entries: shown, staffNames: names, actorFilter: actor,
            older: entries.count > limit ? shown.last?.id : nil, settings: settings)
        return try render(
            "console-audit", title: "Audit log", section: .settings, view: view, visit: visit, request: request)
    }

    private func staffUserID(of visit: StaffVisit) throws -> StaffUserID {
        guard let id = visit.principal.staffUserID else { throw IdentityError.staffUserNotFound }
        return id
    }

    private func twoFactor(
        _ request: Request, visit: StaffVisit, secret: String? = nil, uri: String? = nil, codeError: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try staffUserID(of: visit)
        let identity = platform.identity
        let user = try await platform.database.read { db in try await identity.staffUser(id, on: db) }
        let view = TwoFactorView(
            twoFactorOn: user.twoFactorEnabled, secret: secret, uri: uri, codeError: codeError,
            notice: SettingsNotice.from(FormData(urlEncoded: request.uri.query ?? "")))
        return try render(
            "console-two-factor", title: "Two-factor sign-in", section: .settings, view: view, visit: visit,
            request: request, status: status)
    }

    private func beginTwoFactor(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let id = try staffUserID(of: visit)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        return try await replay.once(
            scope: "staff:\(visit.principal.id):console.settings.two_factor.begin", form: form, path: request.uri.path
        ) {
            do {
                let enrollment = try await platform.identity.beginTwoFactorEnrollment(for: id, in: platform.database)
                return .shownOnce(
                    try await twoFactor(
                        request, visit: visit, secret: enrollment.secret, uri: enrollment.provisioningURI),
                    replay: "/admin/settings/two-factor")
            } catch let error as IdentityError where error == .twoFactorAlreadyEnabled {
                return .redirect("/admin/settings/two-factor")
            }
        }
    }

    private func confirmTwoFactor(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let id = try staffUserID(of: visit)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        return try await replay.once(
            scope: "staff:\(visit.principal.id):console.settings.two_factor.confirm", form: form,
            path: request.uri.path
        ) {
            do {
                let code = (form["code"] ?? "").filter { !$0.isWhitespace }
                _ = try await platform.identity.confirmTwoFactorEnrollment(
                    for: id, code: code, by: visit.actor, in: platform.database)
                return .redirect("/admin/settings/two-factor?done=\(SettingsNotice.twoFactorOn.rawValue)")
            } catch let error as IdentityError where error == .invalidSecondFactor || error == .twoFactorNotPending {
                // The secret and link come back from the form the staff member was sent, so they can try
                // the next code without starting over.
                let secret = error == .twoFactorNotPending ? nil : form["secret"].map { String($0.prefix(64)) }
                let uri = secret == nil ? nil : form["uri"].map { String($0.prefix(300)) }
                return .refused(
                    try await twoFactor(
                        request, visit: visit, secret: secret, uri: uri, codeError: error.message,
                        status: .unprocessableContent))
            }
        }
    }
}

/// A settings area and who may open it.
struct SettingsLink {
    let linkHref: String
    let linkTitle: String
    let linkText: String
    let permission: Permission?

    static let all = [
        SettingsLink(
            linkHref: "/admin/settings/staff", linkTitle: "Staff",
            linkText: "Who may sign in to the back office, and their roles.", permission: .identityStaffRead),
        SettingsLink(
            linkHref: "/admin/settings/roles", linkTitle: "Roles",
            linkText: "What each role may do.", permission: .identityRolesRead),
        SettingsLink(
            linkHref: "/admin/settings/api-keys", linkTitle: "API keys",
            linkText: "Keys for programs that call the API.", permission: .identityAPIKeysManage),
        SettingsLink(
            linkHref: "/admin/settings/audit", linkTitle: "Audit log",
            linkText: "Who changed what, and when.", permission: .identityAuditRead),
        SettingsLink(
            linkHref: "/admin/settings/two-factor", linkTitle: "Two-factor sign-in",
            linkText: "Protect your own sign-in with a code from an authenticator app.", permission: nil),
    ]
}

struct SettingsIndexView {
    let links: [SettingsLink]
}

struct RolesView {
    struct RoleRow {
        let roleTitle: String
        let roleText: String
        let rolePermissions: [String]
    }

    let roles: [RoleRow]
}
